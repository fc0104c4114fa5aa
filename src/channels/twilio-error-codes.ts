/**
 * Twilio's SMS and WhatsApp error codes Retour meets, classified: a permanent one means sending
 * the same message again cannot succeed (another channel might); a transient one may pass on a
 * later try. The words are for the invitation log, in English and French. Pure.
 */
export interface TwilioErrorExplanation {
  code: number;
  permanent: boolean;
  en: string;
  fr: string;
}

type Entry = Omit<TwilioErrorExplanation, 'code'>;

const CODES: Record<number, Entry> = {
  21211: {
    permanent: true,
    en: 'The phone number is not valid.',
    fr: 'Le numéro de téléphone n’est pas valide.',
  },
  21408: {
    permanent: true,
    en: 'The Twilio account may not send to this country.',
    fr: 'Le compte Twilio n’est pas autorisé à envoyer vers ce pays.',
  },
  21610: {
    permanent: true,
    en: 'The customer replied STOP to this sender: they no longer receive its messages.',
    fr: 'Le client a répondu STOP à cet expéditeur : il ne reçoit plus ses messages.',
  },
  21612: {
    permanent: true,
    en: 'Twilio cannot reach this number from this sender.',
    fr: 'Twilio ne peut pas joindre ce numéro depuis cet expéditeur.',
  },
  21614: {
    permanent: true,
    en: 'The number is not a mobile number (a landline cannot receive SMS).',
    fr: 'Le numéro n’est pas un mobile (un fixe ne reçoit pas de SMS).',
  },
  21656: {
    permanent: true,
    en: 'The WhatsApp template variables were refused (one is empty or malformed).',
    fr: 'Les variables du modèle WhatsApp ont été refusées (l’une est vide ou mal formée).',
  },
  30003: {
    permanent: false,
    en: 'The phone could not be reached (switched off or out of coverage).',
    fr: 'Le téléphone était injoignable (éteint ou hors couverture).',
  },
  30004: {
    permanent: true,
    en: 'The message was blocked (by the recipient or their carrier).',
    fr: 'Le message a été bloqué (par le destinataire ou son opérateur).',
  },
  30005: {
    permanent: true,
    en: 'The number does not exist or is no longer in service.',
    fr: 'Le numéro n’existe pas ou n’est plus attribué.',
  },
  30006: {
    permanent: true,
    en: 'The number is a landline or its carrier cannot receive SMS.',
    fr: 'Le numéro est un fixe ou son opérateur ne reçoit pas de SMS.',
  },
  30007: {
    permanent: true,
    en: 'The carrier filtered the message as unwanted.',
    fr: 'L’opérateur a filtré le message comme indésirable.',
  },
  30008: {
    permanent: false,
    en: 'Delivery failed for an unknown reason; a later try may pass.',
    fr: 'La remise a échoué pour une raison inconnue ; un nouvel essai peut réussir.',
  },
  63016: {
    permanent: true,
    en: 'Outside the 24-hour WhatsApp window: only an approved template can be sent.',
    fr: 'Hors de la fenêtre WhatsApp de 24 heures : seul un modèle approuvé peut être envoyé.',
  },
  63018: {
    permanent: false,
    en: 'WhatsApp rate limit reached for this sender; a later try may pass.',
    fr: 'Limite de débit WhatsApp atteinte pour cet expéditeur ; un nouvel essai peut réussir.',
  },
  63024: {
    permanent: true,
    en: 'This number cannot receive WhatsApp messages (not a WhatsApp user, or unable to).',
    fr: 'Ce numéro ne peut pas recevoir de messages WhatsApp (pas d’utilisateur WhatsApp).',
  },
  63032: {
    permanent: true,
    en: 'WhatsApp does not deliver this message to this user (a Meta restriction).',
    fr: 'WhatsApp ne remet pas ce message à cet utilisateur (une restriction de Meta).',
  },
};

/** The explanation of a Twilio error code; an unknown code is permanent with a generic text. */
export function explainTwilioError(code: number | string): TwilioErrorExplanation {
  const n = Number(code);
  const entry = CODES[n];
  if (entry) return { code: n, ...entry };
  return {
    code: Number.isFinite(n) ? n : 0,
    permanent: true,
    en: `Twilio refused or could not deliver the message (error ${code}).`,
    fr: `Twilio a refusé ou n’a pas pu remettre le message (erreur ${code}).`,
  };
}

/** The codes this table knows, for documentation and tests. */
export const KNOWN_TWILIO_ERROR_CODES = Object.keys(CODES).map(Number);
