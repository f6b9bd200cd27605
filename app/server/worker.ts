/**
 * `npm run worker`: the outbox worker as its own process, for deployments that run the app servers with
 * WORKER=off. It sends queued email (Resend when RESEND_API_KEY is set) and does periodic maintenance, and stops
 * cleanly on SIGTERM/SIGINT after the job in hand.
 */
import { migrateToLatest } from "#db/client.server";
import { database } from "~/utils/db.server";
import { startBackgroundWorker } from "./runtime.server";

const { db, kind, close } = database();
await migrateToLatest(db);
const worker = startBackgroundWorker();
console.log(`worker started on ${kind}`);

async function stop(signal: string) {
  console.log(`${signal}: stopping worker`);
  await worker.stop();
  await close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
