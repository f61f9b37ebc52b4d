/** What every request handler can reach through `c.get(…)` (cheaper than `c.var`, which copies them all on each read). */
import type { Db } from '../db/client';
import type { Access } from './auth/access';
import type { Principal } from './auth/principal';
import type { MailTransport } from './mail';

export interface AppEnv {
  Variables: {
    db: Db;
    requestId: string;
    /** Who is asking (from the session cookie or a bearer token); anonymous otherwise. */
    principal: Principal;
    /** The peer address of the TCP connection (never a forwarding header). */
    clientAddress: string;
    /** The principal's rights, asked by services (object-level checks, audit origin). */
    access: Access;
    /** Sends outbox messages (in this deployment: nowhere, or the console in development). */
    mail: MailTransport;
  };
}
