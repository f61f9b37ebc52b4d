/**
 * Requests addressed to a host city (peer reviews, study visits) go to the outbox for the host's
 * coordinator, or the secretariat when the membership names no coordinator. Append inside the
 * write's transaction; hand the returned messages to the mail transport after commit.
 *
 * @example
 * const msgs = await noticeHost(tx, { kind: 'study_visit.request', networkId: 1, hostCityId: 12, subject, body });
 * await sendAll(mail, msgs);
 */
import { hostRecipients } from '../../db/queries/host-contacts';
import type { Executor } from '../../db/queries/auth';
import { appendOutbox } from '../../db/queries/outbox';
import type { MailMessage, MailTransport } from '../mail';

export interface HostNotice {
  kind: string;
  networkId: number;
  hostCityId: number;
  subject: string;
  body: string;
}

export async function noticeHost(tx: Executor, n: HostNotice): Promise<MailMessage[]> {
  const out: MailMessage[] = [];
  for (const recipient of await hostRecipients(tx, n.networkId, n.hostCityId)) {
    await appendOutbox(tx, { kind: n.kind, recipient, subject: n.subject, body: n.body, networkId: n.networkId, cityId: n.hostCityId });
    out.push({ recipient, subject: n.subject, body: n.body });
  }
  return out;
}

export async function sendAll(mail: MailTransport, messages: MailMessage[]) {
  for (const m of messages) await mail.send(m);
}
