import { data } from "@remix-run/node";
import type { DB } from "#db/client.server";
import { formDataToObject } from "~/utils/form";
import { listCategories, listDistricts, listPlaces } from "../catalogue/catalogue.server";

/** The lists the posting form offers. */
export async function postingFormLists(db: DB) {
  const [categories, districts, places] = await Promise.all([listCategories(db, { activeOnly: true }), listDistricts(db), listPlaces(db, { activeOnly: true })]);
  return { categories, districts, places };
}

/** "Add rows" sends the form back with what was typed and three more blank shift rows; nothing is saved. */
export function addRowsResponse(formData: FormData) {
  const { values } = formDataToObject(formData);
  return data({ status: "error" as const, errors: {}, values, extraRows: 3 }, { status: 200 });
}
