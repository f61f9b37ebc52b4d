/**
 * How outbox messages leave the building. Nothing is reachable here, so the default transport
 * keeps them in the outbox only; in development the console transport also prints them (handy
 * for invitation links). A real SMTP/API transport implements the same one method.
 *
 * @example
 * createApp({ db, mail: consoleTransport });
 */
export interface MailMessage {
  recipient: string;
  subject: string;
  body: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

export const outboxOnly: MailTransport = { send: async () => {} };

export const consoleTransport: MailTransport = {
  send: async (m) => console.log(JSON.stringify({ level: 'info', msg: 'outbox message (not sent: no mail transport)', to: m.recipient, subject: m.subject, body: m.body })),
};
