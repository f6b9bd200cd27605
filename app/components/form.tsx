import { useEffect, useRef, type ReactNode } from "react";
import { useNavigation } from "@remix-run/react";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

function value(failure: FormFailure | undefined | null, name: string): string | string[] | undefined {
  return failure?.values?.[name];
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  // The space is reserved so that a message appearing does not move the button under the pointer.
  return (
    <div id={id} className="min-h-6 text-sm font-medium text-red-700" aria-live="polite">
      {errors?.length ? (
        <ul>
          {errors.map((e) => (
            <li key={e}>
              <span aria-hidden="true">⚠ </span>
              {t.message(e)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: ReactNode;
  failure?: FormFailure | null;
  defaultValue?: string | number | null;
  hint?: ReactNode;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "tel" | "url" | "decimal" | "text";
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  placeholder?: string;
  className?: string;
  lang?: string;
}

/** What every labelled control shares: its id, the value to show, its errors and the ARIA that ties them. */
function fieldState(name: string, failure: FormFailure | null | undefined, hint: ReactNode, defaultValue: string | number | null | undefined) {
  const id = `f-${name}`;
  const errors = failure?.errors?.[name];
  const v = value(failure, name);
  return {
    id,
    errors,
    current: typeof v === "string" ? v : defaultValue === null || defaultValue === undefined ? undefined : String(defaultValue),
    aria: {
      "aria-invalid": errors?.length ? true : undefined,
      "aria-describedby": [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" "),
    },
  };
}

/** Label (with a "required" mark), hint, the control, and the errors beneath it. */
function FieldFrame({
  id,
  label,
  hint,
  required,
  errors,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  errors?: string[];
  className?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-semibold">
        {label}
        {required ? <span className="ml-2 badge bg-red-100 text-red-800">{t("form.required")}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function Field({ name, label, failure, defaultValue, hint, required, className, ...rest }: FieldProps) {
  const f = fieldState(name, failure, hint, defaultValue);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} required={required} errors={f.errors} className={className}>
      <input id={f.id} name={name} className="input mt-1" defaultValue={f.current} required={required} {...f.aria} {...rest} />
    </FieldFrame>
  );
}

export function TextArea({
  name,
  label,
  failure,
  defaultValue,
  hint,
  required,
  rows = 6,
  maxLength,
}: Omit<FieldProps, "type"> & { rows?: number }) {
  const f = fieldState(name, failure, hint, defaultValue);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} required={required} errors={f.errors}>
      <textarea id={f.id} name={name} rows={rows} maxLength={maxLength} className="input mt-1" defaultValue={f.current} required={required} {...f.aria} />
    </FieldFrame>
  );
}

export function Select({
  name,
  label,
  failure,
  defaultValue,
  hint,
  required,
  options,
  placeholder,
}: Omit<FieldProps, "type"> & { options: { value: string | number; label: string }[] }) {
  const t = useT();
  const f = fieldState(name, failure, hint, defaultValue);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} required={required} errors={f.errors}>
      <select id={f.id} name={name} className="input mt-1" defaultValue={f.current ?? ""} required={required} {...f.aria}>
        <option value="">{placeholder ?? t("form.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxGroup({
  name,
  legend,
  failure,
  defaultValues,
  options,
  hint,
}: {
  name: string;
  legend: ReactNode;
  failure?: FormFailure | null;
  defaultValues?: string[];
  options: { value: string; label: string }[];
  hint?: ReactNode;
}) {
  const errors = failure?.errors?.[name];
  const v = value(failure, name);
  const checked = failure ? (Array.isArray(v) ? v : v ? [v] : []) : (defaultValues ?? []);
  return (
    <fieldset id={`f-${name}`} tabIndex={-1} aria-describedby={`f-${name}-error`}>
      <legend className="font-semibold">{legend}</legend>
      {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
      <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} className="size-5" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={`f-${name}-error`} errors={errors} />
    </fieldset>
  );
}

export function Checkbox({
  name,
  label,
  failure,
  defaultChecked,
  hint,
}: {
  name: string;
  label: ReactNode;
  failure?: FormFailure | null;
  defaultChecked?: boolean;
  hint?: ReactNode;
}) {
  const errors = failure?.errors?.[name];
  const v = value(failure, name);
  const checked = failure ? v === "on" || v === "true" : defaultChecked;
  return (
    <div>
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input
          id={`f-${name}`}
          type="checkbox"
          name={name}
          value="on"
          defaultChecked={checked}
          className="size-5"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`f-${name}-error`}
        />
        {label}
      </label>
      {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
      <FieldErrors id={`f-${name}-error`} errors={errors} />
    </div>
  );
}

/**
 * The error summary at the top of every form: the form's own messages, then each field's, each a link to its field
 * (`#f-<name>`, the id every field here gets). It takes the focus, so a keyboard or screen-reader user starts from the
 * list of what to fix: without JavaScript through `autofocus` on the rendered page, with it on every failed submit.
 * `labels` names the fields in the list; a field without one is listed by its message alone.
 */
export function FormErrorSummary({
  failure,
  labels,
  targets,
}: {
  failure?: FormFailure | null;
  labels?: Record<string, ReactNode>;
  /** Where a field's link goes when its control's id is not `f-<name>` (a group of checkboxes, say). */
  targets?: Record<string, string>;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure?.errors && Object.keys(failure.errors).length) box.current?.focus();
  }, [failure]);
  if (!failure?.errors || Object.keys(failure.errors).length === 0) return null;
  const formErrors = failure.errors.form ?? [];
  const fields = Object.entries(failure.errors).filter(([k, v]) => k !== "form" && v?.length);
  return (
    <div
      ref={box}
      role="alert"
      tabIndex={-1}
      autoFocus
      aria-labelledby="form-error-summary-title"
      className="rounded-lg border-2 border-red-700 bg-red-50 p-3 text-red-900"
      data-testid="error-summary"
    >
      <p id="form-error-summary-title" className="font-bold">
        {fields.length ? t("form.errorSummaryTitle", { count: fields.length }) : t("form.errorTitle")}
      </p>
      {formErrors.map((e) => (
        <p key={e} className="font-semibold">
          {t.message(e)}
        </p>
      ))}
      {fields.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {fields.flatMap(([name, messages]) =>
            messages.map((m) => (
              <li key={`${name}:${m}`}>
                <a href={`#${targets?.[name] ?? `f-${name}`}`} className="text-red-900">
                  {labels?.[name] ? (
                    <>
                      {labels[name]}
                      {t("form.labelSeparator")}
                    </>
                  ) : null}
                  {t.message(m)}
                </a>
              </li>
            )),
          )}
        </ul>
      ) : null}
    </div>
  );
}

export function SubmitButton({ children, name, value, className = "btn" }: { children: ReactNode; name?: string; value?: string; className?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" name={name} value={value} className={className} aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}
