/** An email to a person. Plain text: the outbox and the tests read it as it is. */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}
