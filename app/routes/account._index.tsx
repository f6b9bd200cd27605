import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AVAILABILITY_SLOTS, LANGUAGES, SKILLS, VOLUNTEER_TYPES } from "~/vocabulary";
import { Checkbox, CheckboxGroup, Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { ProfileSchema } from "~/modules/accounts/accounts.schema";
import { updateProfile } from "~/modules/accounts/accounts.server";
import { listCategories, listDistricts } from "~/modules/catalogue/catalogue.server";
import { myOrganisations } from "~/modules/organisations/memberships.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { LOCALE_COOKIE } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { serializeCookie } from "~/utils/session.server";
import { toastCookie } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "マイページ / My account | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [districts, categories, organisations] = await Promise.all([
    listDistricts(db),
    listCategories(db, { activeOnly: true }),
    myOrganisations(db, user.id),
  ]);
  return data(
    {
      profile: {
        email: user.email,
        displayName: user.display_name,
        nameKana: user.name_kana,
        districtId: user.district_id,
        birthDate: user.birth_date,
        interests: user.interests,
        locale: user.locale,
        volunteerType: user.volunteer_type,
        schoolId: user.school_organisation_id,
        schoolName: user.school_name,
        skills: user.skills,
        availability: user.availability,
        languages: user.languages,
        openToInvitations: user.open_to_invitations,
        notifyReminders: user.notify_reminders,
        notifySecondReminder: user.notify_second_reminder,
        notifyMessages: user.notify_messages,
      },
      schools: await db
        .selectFrom("organisations")
        .select(["id", "name"])
        .where("kind", "in", ["high_school", "university"])
        .where("status", "=", "verified")
        .orderBy("name_kana")
        .orderBy("name")
        .execute(),
      districts,
      categories,
      organisations,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(ProfileSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await updateProfile(getDb(), user.id, parsed.data);
  if (result === "unknown-district") return data(formFailure({ districtId: ["v.choice"] }), { status: 400 });
  if (result === "unknown-interest") return data(formFailure({ interests: ["v.choice"] }), { status: 400 });
  if (result === "unknown-school") return data(formFailure({ schoolId: ["v.choice"] }), { status: 400 });
  const headers = new Headers();
  headers.append("Set-Cookie", serializeCookie(request, LOCALE_COOKIE, parsed.data.locale, { maxAgeSeconds: 365 * 86400 }));
  headers.append("Set-Cookie", toastCookie(request, { kind: "success", message: "account.saved" }));
  headers.set("Location", "/account");
  return new Response(null, { status: 303, headers });
}

export default function Account() {
  const { profile, districts, categories, organisations, schools } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-8">
      <PageHeader title={t("account.title")} lead={profile.email} />
      <nav aria-label={t("account.shortcuts")} className="flex flex-wrap gap-2">
        <Link to="/activities" className="btn-secondary">
          {t("activities.title")}
        </Link>
        <Link to="/account/hours" className="btn-secondary">
          {t("attendance.hours.title")}
        </Link>
        <Link to="/messages" className="btn-secondary">
          {t("messages.title")}
        </Link>
        <Link to="/account/calendar" className="btn-secondary">
          {t("account.calendarLink")}
        </Link>
        <Link to="/schools/join" className="btn-secondary">
          {t("schools.join.title")}
        </Link>
      </nav>
      <section aria-labelledby="orgs" className="card">
        <h2 id="orgs">{t("account.organisations")}</h2>
        {organisations.length ? (
          <ul className="mt-2 space-y-1">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}`}>{o.name}</Link>{" "}
                <span className="text-sm text-stone-700">
                  （{t(`memberRole.${o.role}`)}・{t(`orgStatus.${o.status}`)}）
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-stone-700">{t("account.noOrganisations")}</p>
        )}
        <p className="mt-3">
          <Link to="/organisations/new" className="btn-secondary">
            {t("account.registerOrganisation")}
          </Link>
        </p>
      </section>

      <Form method="post" className="card space-y-2" noValidate aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        <FormErrorSummary failure={failure} />
        <Field name="displayName" label={t("signup.displayName")} defaultValue={profile.displayName} required maxLength={50} failure={failure} />
        <Field name="nameKana" label={t("account.nameKana")} hint={t("account.nameKanaHint")} defaultValue={profile.nameKana} maxLength={80} failure={failure} />
        <Select
          name="districtId"
          label={t("account.district")}
          hint={t("account.districtHint")}
          defaultValue={profile.districtId}
          options={districts.map((d) => ({ value: d.id, label: pick(t.locale, d.name_ja, d.name_en) }))}
          failure={failure}
        />
        <Field name="birthDate" type="date" label={t("account.birthDate")} hint={t("account.birthDateHint")} defaultValue={profile.birthDate} failure={failure} />
        <CheckboxGroup
          name="interests"
          legend={t("account.interests")}
          defaultValues={profile.interests}
          options={categories.map((c) => ({ value: c.code, label: pick(t.locale, c.name_ja, c.name_en) }))}
          failure={failure}
        />
        <Select
          name="locale"
          label={t("account.language")}
          defaultValue={profile.locale}
          options={[
            { value: "ja", label: "日本語" },
            { value: "en", label: "English" },
          ]}
          required
          failure={failure}
        />
        <h3 id="volunteer" className="pt-4 text-lg font-bold">
          {t("profile.volunteerHeading")}
        </h3>
        <p className="text-sm text-stone-700">{t("profile.volunteerLead")}</p>
        <Select
          name="volunteerType"
          label={t("profile.volunteerType")}
          defaultValue={profile.volunteerType}
          options={VOLUNTEER_TYPES.map((v) => ({ value: v, label: t(`volunteerType.${v}`) }))}
          failure={failure}
        />
        <Select
          name="schoolId"
          label={t("profile.school")}
          hint={t("profile.schoolHint")}
          defaultValue={profile.schoolId}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          failure={failure}
        />
        <Field name="schoolName" label={t("profile.schoolName")} defaultValue={profile.schoolName} maxLength={80} failure={failure} />
        <CheckboxGroup name="skills" legend={t("profile.skills")} defaultValues={profile.skills} options={SKILLS.map((v) => ({ value: v, label: t(`skill.${v}`) }))} failure={failure} />
        <CheckboxGroup
          name="availability"
          legend={t("profile.availability")}
          hint={t("profile.availabilityHint")}
          defaultValues={profile.availability}
          options={AVAILABILITY_SLOTS.map((v) => ({ value: v, label: t(`slot.${v}`) }))}
          failure={failure}
        />
        <CheckboxGroup name="languages" legend={t("profile.languages")} defaultValues={profile.languages} options={LANGUAGES.map((v) => ({ value: v, label: t(`language.${v}`) }))} failure={failure} />
        <Checkbox name="openToInvitations" label={t("profile.openToInvitations")} hint={t("profile.openToInvitationsHint")} defaultChecked={profile.openToInvitations} failure={failure} />

        <h3 id="notifications" className="pt-4 text-lg font-bold">
          {t("profile.notificationsHeading")}
        </h3>
        <p className="text-sm text-stone-700">{t("profile.notificationsLead")}</p>
        <Checkbox name="notifyReminders" label={t("profile.notifyReminders")} defaultChecked={profile.notifyReminders} failure={failure} />
        <Checkbox name="notifySecondReminder" label={t("profile.notifySecondReminder")} defaultChecked={profile.notifySecondReminder} failure={failure} />
        <Checkbox name="notifyMessages" label={t("profile.notifyMessages")} defaultChecked={profile.notifyMessages} failure={failure} />
        <SubmitButton>{t("account.save")}</SubmitButton>
      </Form>

      <section aria-labelledby="sign-out-everywhere" className="card">
        <h2 id="sign-out-everywhere">{t("account.signOutEverywhereTitle")}</h2>
        <p className="mt-1 text-stone-700">{t("account.signOutEverywhereLead")}</p>
        <p className="mt-3">
          <Link to="/account/sign-out-everywhere" className="btn-secondary">
            {t("account.signOutEverywhereButton")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="danger" className="card border-red-200">
        <h2 id="danger">{t("account.deleteTitle")}</h2>
        <p className="mt-1 text-stone-700">{t("account.deleteLead")}</p>
        <p className="mt-3">
          <Link to="/account/delete" className="btn-danger">
            {t("account.deleteButton")}
          </Link>
        </p>
      </section>
    </div>
  );
}
