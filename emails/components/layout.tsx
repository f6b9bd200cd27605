import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { Locale } from "~/utils/i18n";

/*
 * The shared frame of every email: brand header, title, body, optional main action (a button plus the same
 * link as plain text), and a footer saying why the person got the email. No images and no web fonts: only
 * fonts already on the reader's device are named.
 */

const colours = {
  brand: "#0b5f5a",
  brandText: "#ffffff",
  text: "#1f2933",
  muted: "#525f6b",
  border: "#d9e0e5",
  page: "#f3f5f6",
  card: "#ffffff",
  quote: "#f5f7f8",
  link: "#0b5f5a",
};

const fontFamily =
  "'Hiragino Kaku Gothic ProN','Hiragino Sans','Yu Gothic',YuGothic,Meiryo,'Noto Sans JP','Helvetica Neue',Arial,sans-serif";

export const BRAND: Record<Locale, string> = {
  ja: "つなぐ八幡東",
  en: "Tsunagu Yahatahigashi",
};

export const SITE_DESCRIPTION: Record<Locale, string> = {
  ja: "八幡東区役所の地域ボランティアサイト",
  en: "Local volunteering from Yahatahigashi Ward Office",
};

export interface EmailLayoutProps {
  locale: Locale;
  /** The line mail clients show next to the subject. */
  preview: string;
  /** The title at the top of the body. */
  title: string;
  /** Why this person received this email, one or two sentences. */
  footerReason: string;
  /** For emails a person can turn off (or tune): a link to their notification settings, shown under the reason. */
  settings?: { href: string; label: string };
  children: ReactNode;
}

export function EmailLayout({ locale, preview, title, footerReason, settings, children }: EmailLayoutProps) {
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{title}</title>
      </Head>
      <Body style={{ backgroundColor: colours.page, margin: 0, padding: "24px 0", fontFamily, color: colours.text }}>
        <Preview>{preview}</Preview>
        <Container style={{ maxWidth: "600px", width: "100%", margin: "0 auto" }}>
          <Section style={{ backgroundColor: colours.brand, padding: "16px 24px", borderRadius: "8px 8px 0 0" }}>
            <Text style={{ margin: 0, color: colours.brandText, fontSize: "20px", lineHeight: "28px", fontWeight: 700 }}>
              {BRAND[locale]}
            </Text>
          </Section>
          <Section
            style={{
              backgroundColor: colours.card,
              padding: "24px",
              border: `1px solid ${colours.border}`,
              borderTop: "none",
              borderRadius: "0 0 8px 8px",
            }}
          >
            <Heading as="h1" style={{ fontSize: "20px", lineHeight: "30px", margin: "0 0 16px", color: colours.text }}>
              {title}
            </Heading>
            {children}
          </Section>
          <Section style={{ padding: "16px 24px" }}>
            <Text style={{ margin: "0 0 8px", fontSize: "13px", lineHeight: "22px", color: colours.muted }}>{footerReason}</Text>
            {settings ? (
              <Text style={{ margin: "0 0 8px", fontSize: "13px", lineHeight: "22px", color: colours.muted }}>
                {settings.label}
                <br />
                <TextLink href={settings.href} />
              </Text>
            ) : null}
            <Hr style={{ borderColor: colours.border, margin: "12px 0" }} />
            <Text style={{ margin: 0, fontSize: "13px", lineHeight: "22px", color: colours.muted }}>
              {BRAND[locale]}
              <br />
              {SITE_DESCRIPTION[locale]}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: "16px", lineHeight: "28px", margin: "0 0 16px", color: colours.text }}>{children}</Text>;
}

/** 「山田 太郎 様」 / "Hello Taro Yamada,"; a blank name falls back to a neutral greeting. */
export function Greeting({ locale, name }: { locale: Locale; name: string }) {
  const trimmed = name.trim();
  if (locale === "ja") return <Paragraph>{trimmed ? `${trimmed} 様` : "ご利用者様"}</Paragraph>;
  return <Paragraph>{trimmed ? `Hello ${trimmed},` : "Hello,"}</Paragraph>;
}

const FALLBACK_LABEL: Record<Locale, string> = {
  ja: "ボタンが使えない場合は、次のURLをコピーしてブラウザに貼り付けてください。",
  en: "If the button does not work, copy this address into your browser:",
};

/**
 * The main link: a button, then the same address as text for mail clients that do not show buttons.
 * In the plain-text version the button becomes "label + address" and the fallback line is left out.
 */
export function ActionButton({ locale, href, label }: { locale: Locale; href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: "8px 0 24px" }}>
        <Button
          href={href}
          data-email-button="true"
          style={{
            backgroundColor: colours.brand,
            color: colours.brandText,
            fontSize: "16px",
            fontWeight: 700,
            borderRadius: "6px",
            padding: "12px 24px",
          }}
        >
          {label}
        </Button>
      </Section>
      <Section data-skip-in-text="true" style={{ margin: "0 0 16px" }}>
        <Text style={{ fontSize: "13px", lineHeight: "22px", margin: "0 0 4px", color: colours.muted }}>
          {FALLBACK_LABEL[locale]}
        </Text>
        <Text style={{ fontSize: "13px", lineHeight: "22px", margin: 0, wordBreak: "break-all" }}>
          <Link href={href} style={{ color: colours.link, textDecorationLine: "underline" }}>
            {href}
          </Link>
        </Text>
      </Section>
    </>
  );
}

/** A secondary link written out in full, e.g. "reset your password here: https://…". */
export function TextLink({ href }: { href: string }) {
  return (
    <Link href={href} style={{ color: colours.link, textDecorationLine: "underline", wordBreak: "break-all" }}>
      {href}
    </Link>
  );
}

/** Text written by a person (a reason, a message), kept apart from our own wording; line breaks are kept. */
export function QuotedText({ label, text }: { label: string; text: string }) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return (
    <Section
      style={{
        backgroundColor: colours.quote,
        borderLeft: `4px solid ${colours.brand}`,
        padding: "12px 16px",
        margin: "0 0 16px",
      }}
    >
      <Text style={{ fontSize: "13px", lineHeight: "20px", margin: "0 0 4px", color: colours.muted, fontWeight: 700 }}>
        {label}
      </Text>
      <Text style={{ fontSize: "15px", lineHeight: "26px", margin: 0, color: colours.text }}>
        {lines.map((line, index) => (
          <span key={index}>
            {index > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </Text>
    </Section>
  );
}
