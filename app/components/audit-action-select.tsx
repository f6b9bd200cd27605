import { AUDIT_AREAS, type AuditArea } from "~/modules/audit/audit.actions";
import { actionLabel } from "~/modules/audit/audit.labels";
import type { MessageKey } from "~/utils/translate";
import { useT } from "~/utils/use-i18n";
import { FieldErrors } from "./form";

/** The audit log's action filter, by label: an area as a whole, or one action in it. */
export function AuditActionSelect({ value, errors }: { value: string; errors?: string[] }) {
  const t = useT();
  const areas = Object.keys(AUDIT_AREAS) as AuditArea[];
  const listed = value === "" || value.startsWith("area:") || areas.some((a) => (AUDIT_AREAS[a] as readonly string[]).includes(value));
  return (
    <div>
      <label htmlFor="f-action" className="block font-semibold">
        {t("audit.actionLabel")}
      </label>
      <select
        id="f-action"
        name="action"
        defaultValue={value}
        className="input mt-1"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby="f-action-error"
      >
        <option value="">{t("audit.actionAll")}</option>
        {/* A link made before labels (a code's beginning typed by hand) keeps working and shows what it asks for. */}
        {!listed ? <option value={value}>{value}</option> : null}
        {areas.map((area) => {
          const areaName = t(`audit.area.${area}` as MessageKey);
          return (
            <optgroup key={area} label={areaName}>
              <option value={`area:${area}`}>{t("audit.areaAll", { area: areaName })}</option>
              {AUDIT_AREAS[area].map((code) => (
                <option key={code} value={code}>
                  {actionLabel(t, code)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <FieldErrors id="f-action-error" errors={errors} />
    </div>
  );
}
