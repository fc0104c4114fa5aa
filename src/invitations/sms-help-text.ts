/** The HELP answer, in French when the customer wrote AIDE. GSM-7 only. */
export function helpText(body: string): string {
  return /aide/i.test(body)
    ? 'Enquetes de satisfaction. Repondez STOP pour ne plus recevoir de SMS, START pour les recevoir a nouveau.'
    : 'Customer satisfaction surveys. Reply STOP to stop receiving messages, START to receive them again.';
}
