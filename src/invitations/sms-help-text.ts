/**
 * The HELP answer, in the language of the keyword the customer wrote (AIDE → French, AYUDA →
 * Spanish…), English otherwise. GSM-7 wherever the language allows; the keywords it names are
 * the universal STOP and START, which every carrier and Twilio honour.
 */
const HELP: readonly [RegExp, string][] = [
  [/^aide/i, 'Enquetes de satisfaction. Repondez STOP pour ne plus recevoir de SMS, START pour les recevoir a nouveau.'],
  [/^ayuda/i, 'Encuestas de satisfaccion. Responda STOP para dejar de recibir mensajes, START para volver a recibirlos.'],
  [/^hilfe/i, 'Zufriedenheitsumfragen. Antworten Sie STOP, um keine Nachrichten mehr zu erhalten, START, um sie wieder zu erhalten.'],
  [/^aiuto/i, 'Sondaggi di soddisfazione. Risponda STOP per non ricevere più messaggi, START per riceverli di nuovo.'],
  [/^ajuda/i, 'Inqueritos de satisfacao. Responda STOP para deixar de receber mensagens, START para voltar a recebe-las.'],
  [/^hulp/i, 'Tevredenheidsonderzoeken. Antwoord STOP om geen berichten meer te ontvangen, START om ze weer te ontvangen.'],
  [/^pomoc/i, 'Ankiety satysfakcji. Odpowiedz STOP, aby nie otrzymywac wiadomosci, START, aby otrzymywac je ponownie.'],
  [/^مساعدة/, 'استبيانات رضا. أرسل STOP للإيقاف و START للاستئناف.'],
]; // prettier-ignore

const ENGLISH =
  'Customer satisfaction surveys. Reply STOP to stop receiving messages, START to receive them again.';

export function helpText(body: string): string {
  const word = body.trim();
  return HELP.find(([keyword]) => keyword.test(word))?.[1] ?? ENGLISH;
}
