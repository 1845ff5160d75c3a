/**
 * Two processes on one Redis behind nginx, the records in one SQLite file in their shared
 * DATA_DIR (processes on one machine): the suite of `twoProcesses.ts`.
 */
import { describeTwoProcesses } from "./twoProcesses";

describeTwoProcesses("sqlite");
