/**
 * Whether e-mail is configured (SMTP_URL set), decided once at boot by NotificationsModule.
 * `enqueue` is a plain function that services call inside their own transaction, without
 * injecting anything; it reads this switch to know whether to write e-mail rows at all, so a
 * server without a mail server never piles up e-mails that nobody will send.
 */
let emailEnabled = false;

export function setEmailEnabled(enabled: boolean): void {
  emailEnabled = enabled;
}

export function isEmailEnabled(): boolean {
  return emailEnabled;
}
