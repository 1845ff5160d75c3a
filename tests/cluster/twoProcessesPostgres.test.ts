/**
 * Two processes on one Redis behind nginx, the records in a throwaway PostgreSQL
 * (`DATABASE_URL`, what processes on several machines share): the suite of `twoProcesses.ts`.
 * A process killed outright has its tables restored on the other from PostgreSQL.
 */
import { describeTwoProcesses } from "./twoProcesses";

describeTwoProcesses("postgres");
