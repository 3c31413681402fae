/**
 * A second Milhena process for the lock tests: opens the embedded database in argv[2], prints "ready",
 * and holds it until its stdin closes (then closes it cleanly). An error opening it is printed as
 * `error: <name>: <message>` instead.
 */
import { openEmbedded } from "../../db/database.ts";

const dir = process.argv[2]!;
try {
  const db = await openEmbedded(dir);
  process.stdout.write("ready\n");
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once("end", resolve));
  await db.close();
} catch (error) {
  const e = error as Error;
  process.stdout.write(`error: ${e.constructor.name}: ${e.message}\n`);
  process.exitCode = 1;
}
