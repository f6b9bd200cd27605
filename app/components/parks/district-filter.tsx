import { useT } from "~/utils/use-i18n";

/** The district choice of the park lists' search forms (public and staff): every district, or one. */
export function DistrictFilter({ districts, value }: { districts: { id: number; name_ja: string; name_en: string }[]; value: number | string | null | undefined }) {
  const t = useT();
  return (
    <label className="block">
      <span className="font-semibold">{t("parks.public.district")}</span>
      <select name="district" className="input mt-1" defaultValue={value ?? ""}>
        <option value="">{t("parks.public.allDistricts")}</option>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {t.locale === "ja" ? d.name_ja : d.name_en}
          </option>
        ))}
      </select>
    </label>
  );
}
