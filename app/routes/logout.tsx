import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";
import { clearSessionCookie, destroySession, getCurrentSession } from "~/utils/session.server";

export async function loader() {
  // Logging out changes state, so it is a POST; a GET only goes home.
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const session = await getCurrentSession(db, request);
  await destroySession(db, request);
  if (session) await audit(db, { actorUserId: session.user.id, action: "auth.logout", ip: requestContext(request, context).ip });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
