import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ShiftChangedProps = ShiftEmailProps & {
  previousStartsAt: string;
  previousEndsAt: string;
  /** The number of places changed too (possibly the only change). */
  capacityChanged: boolean;
};

function timeChanged(props: ShiftChangedProps): boolean {
  return (
    new Date(props.previousStartsAt).getTime() !== new Date(props.startsAt).getTime() ||
    new Date(props.previousEndsAt).getTime() !== new Date(props.endsAt).getTime()
  );
}

export function shiftChangedTitle(props: ShiftChangedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  if (timeChanged(props)) return locale === "ja" ? `「${posting}」の日時が変更されました` : `The time of “${posting}” has changed`;
  return locale === "ja" ? `「${posting}」の募集人数が変更されました` : `The number of places for “${posting}” has changed`;
}

/** Sent to everyone with an active application to a shift whose time (or number of places) the group changed. */
export function ShiftChanged({ locale, ...props }: TemplateProps<ShiftChangedProps>) {
  const title = shiftChangedTitle(props, locale);
  const moved = timeChanged(props);
  const previous = moved ? { startsAt: props.previousStartsAt, endsAt: props.previousEndsAt } : undefined;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={moved ? "新しい日時でご都合がよいか、ご確認ください。" : "お申し込みの状況をご確認ください。"}
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」にお申し込みいただいているためお送りしています。`}
      >
        <Paragraph>
          {moved
            ? "お申し込みいただいている次の活動の日時を、団体が変更しました。"
            : "お申し込みいただいている次の活動の募集人数を、団体が変更しました。"}
          {moved && props.capacityChanged ? "あわせて募集人数も変更されています。" : ""}
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} previous={previous} />
        {moved ? (
          <Paragraph>
            新しい日時でもご都合がよいか、ご確認ください。参加できない場合は、「わたしの活動」から申し込みを取り消してください。取り消さない限り、お申し込みはそのまま有効です。
          </Paragraph>
        ) : null}
        {props.capacityChanged ? <Paragraph>参加確定・キャンセル待ちなど、あなたのお申し込みの状況は「わたしの活動」で確認できます。</Paragraph> : null}
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動で確認・取り消しする" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={moved ? "Please check that the new time still suits you." : "Please check the state of your application."}
      footerReason={`You are receiving this email because you have applied for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>
        {moved
          ? "The group has changed the time of this session you applied for."
          : "The group has changed the number of places on this session you applied for."}
        {moved && props.capacityChanged ? " The number of places has changed as well." : ""}
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} previous={previous} />
      {moved ? (
        <Paragraph>
          Please check that the new time still suits you. If it does not, withdraw your application in My activities;
          unless you withdraw, your application stays as it is.
        </Paragraph>
      ) : null}
      {props.capacityChanged ? (
        <Paragraph>My activities shows whether you are confirmed or on the waiting list.</Paragraph>
      ) : null}
      <ActionButton locale={locale} href={props.activitiesUrl} label="Check or withdraw in My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
