/**
 * The secretariat's status board for a round (who has not submitted, who is overdue) and
 * deadline reminders to the coordinators of cities that have not submitted yet.
 *
 * @example
 * const { items } = await statusBoard(access, 3); await sendReminders(access, mail, 3);
 */
import { frameworkIndicators } from '../../db/queries/frameworks';
import { appendOutbox } from '../../db/queries/outbox';
import { findRound } from '../../db/queries/rounds';
import { statusBoardRows } from '../../db/queries/round-workflow';
import type { Access } from '../auth/access';
import { conflict, notFound } from '../errors';
import type { MailMessage, MailTransport } from '../mail';
import { audit } from './audit';

type BoardStatus = 'missing' | 'draft' | 'submitted' | 'returned' | 'validated' | 'published';
const WAITING = new Set<BoardStatus>(['missing', 'draft', 'returned']);

async function adminRound(access: Access, roundId: number) {
  const row = await findRound(access.db, roundId);
  if (!row || (await access.roundView(row.round)) === 'none') throw notFound('round', roundId);
  access.requireAdmin(row.round.networkId);
  return row.round;
}

export async function statusBoard(access: Access, roundId: number, today = new Date().toISOString().slice(0, 10)) {
  const round = await adminRound(access, roundId);
  const indicatorCount = (await frameworkIndicators(access.db, round.frameworkId)).length;
  const overdueNow = round.deadline !== null && round.deadline < today;
  const items = (await statusBoardRows(access.db, roundId, round.networkId)).map((r) => {
    const status: BoardStatus = r.status ?? 'missing';
    return { ...r, status, answeredCount: r.submissionId === null ? 0 : r.answeredCount, indicatorCount, overdue: overdueNow && WAITING.has(status) };
  });
  return { roundId, deadline: round.deadline, status: round.status, items };
}

/** One outbox message per coordinator whose city has not submitted; returns how many were written. */
export async function sendReminders(access: Access, mail: MailTransport, roundId: number) {
  const round = await adminRound(access, roundId);
  if (round.status !== 'open') throw conflict(`Round ${roundId} is ${round.status}; reminders are for open rounds`);
  const { items } = await statusBoard(access, roundId);
  const messages: (MailMessage & { cityId: number })[] = items
    .filter((i) => WAITING.has(i.status) && i.coordinatorEmail)
    .map((i) => ({
      cityId: i.cityId,
      recipient: i.coordinatorEmail!,
      subject: `${round.name}: reminder${round.deadline ? `, deadline ${round.deadline}` : ''}`,
      body: `${i.cityName} has ${i.status === 'missing' ? 'not started' : i.status === 'returned' ? 'a returned, not yet resubmitted' : 'not yet submitted'} its self-assessment for ${round.name} (${i.answeredCount} of ${i.indicatorCount} answered).${round.deadline ? ` The deadline is ${round.deadline}.` : ''}`,
    }));
  await access.db.transaction(async (tx) => {
    for (const m of messages) await appendOutbox(tx, { kind: 'round.reminder', recipient: m.recipient, subject: m.subject, body: m.body, networkId: round.networkId, cityId: m.cityId });
    await audit(tx, access, { action: 'round.remind', entityType: 'round', entityId: roundId, networkId: round.networkId, newValue: { sent: messages.length } });
  });
  for (const m of messages) await mail.send(m);
  return { sent: messages.length };
}
