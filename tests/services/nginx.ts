/**
 * nginx as the front door for a test (`scripts/services.ts`: a generated copy of
 * deploy/nginx.conf.template on a free loopback port, its pid file, logs and temp files in a
 * temp folder), stopped after. Skipped with a message where nginx is not installed, except
 * under CI, where that fails loudly.
 */
import { type FrontDoorProcess, nginxBinary, ThrowawayNginx } from "../../scripts/services";
import { available } from "./redis";

const binary = nginxBinary();

/** Whether nginx is here (under CI it must be). */
export const haveNginx = (): boolean => available("nginx", binary, "apt-get install nginx");

export function startNginx(processes: readonly FrontDoorProcess[]): Promise<ThrowawayNginx> {
  if (!binary) throw new Error("nginx is not installed");
  return ThrowawayNginx.start(binary, processes);
}

export type { ThrowawayNginx };
