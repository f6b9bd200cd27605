import type { LoaderFunctionArgs } from "@remix-run/node";
import { getChannel } from "~/modules/recruitment/campaigns.server";
import { channelPosterPdf, channelQrPng, channelQrSvg } from "~/modules/recruitment/poster.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";

/** A channel's printables: qr.png, qr.svg and poster.pdf, each carrying its short link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const channel = await getChannel(getDb(), id);
  if (!channel) notFound();
  const url = `${requestContext(request, context).origin}/m/${channel.code}`;
  const headers = (type: string, name: string) => ({ "Content-Type": type, "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" });
  switch (params.file) {
    case "qr.png":
      return new Response(new Uint8Array(await channelQrPng(url)), { headers: headers("image/png", `minsei-${channel.code}.png`) });
    case "qr.svg":
      return new Response(await channelQrSvg(url), { headers: headers("image/svg+xml", `minsei-${channel.code}.svg`) });
    case "poster.pdf":
      return new Response(new Uint8Array(await channelPosterPdf({ message: channel.message, url })), { headers: headers("application/pdf", `minsei-${channel.code}.pdf`) });
    default:
      notFound();
  }
}
