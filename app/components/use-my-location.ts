import { useEffect, useState, type RefObject } from "react";

export type LocateState = "idle" | "busy" | "failed";

/**
 * "Use my location" for a search form: whether the browser can locate at all (known only after hydration), and
 * a handler that asks for the position, rounds it to about a kilometre (so an address never pinpoints anyone),
 * sets it as the form's `near` and hands the form's data to `send`.
 */
export function useMyLocation(formRef: RefObject<HTMLFormElement>, send: (formData: FormData) => void) {
  const [canLocate, setCanLocate] = useState(false);
  const [locating, setLocating] = useState<LocateState>("idle");
  useEffect(() => setCanLocate(typeof navigator !== "undefined" && "geolocation" in navigator), []);
  const locate = () => {
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const formData = new FormData(formRef.current!);
        formData.set("near", `${position.coords.latitude.toFixed(2)},${position.coords.longitude.toFixed(2)}`);
        setLocating("idle");
        send(formData);
      },
      () => setLocating("failed"),
      { maximumAge: 600_000, timeout: 10_000 },
    );
  };
  return { canLocate, locating, locate };
}
