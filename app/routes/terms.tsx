import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { TextSection } from "~/components/legal-section";
import { PageHeader } from "~/components/ui";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "利用規約 / Terms of use | つなぐ八幡東" }];

const SECTIONS = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"] as const;

export default function Terms() {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("legal.terms.title")} lead={t("legal.terms.lead")} />
      {SECTIONS.map((s) => (
        <TextSection key={s} id={`terms-${s}`} title={t(`legal.terms.${s}.title`)}>
          <p>{t(`legal.terms.${s}.body`)}</p>
          {s === "s6" ? (
            <p>
              <Link to="/privacy">{t("legal.privacy.title")}</Link>
            </p>
          ) : null}
        </TextSection>
      ))}
    </div>
  );
}
