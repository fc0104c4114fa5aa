import type { LandingChrome } from './types';

export const es: LandingChrome = {
  optional: 'opcional',
  send: 'Enviar',
  scoreMissing: 'Elija una puntuación.',
  commentTooLong: 'Su comentario no puede superar los 2000 caracteres.',
  nonceExpired: 'Esta página llevaba mucho tiempo abierta: envíe su respuesta de nuevo.',
  nonceInvalid: 'No hemos podido verificar este formulario: envíe su respuesta de nuevo.',
  recorded:
    'Gracias, hemos registrado su puntuación. Todavía puede cambiarla o añadir un comentario.',
  editing: 'Ya ha respondido. Puede cambiar su respuesta durante 24 horas.',
  confirmChange:
    'Ya ha respondido. Para cambiar su puntuación por la seleccionada abajo, pulse Enviar.',
  yourAnswer: 'Su respuesta',
  score: 'Puntuación',
  comment: 'Comentario',
  locked: 'Esta respuesta ya no se puede cambiar. ¡Gracias!',
  followUp: 'Lamentamos su experiencia. Alguien de {{company}} se pondrá en contacto con usted.',
  reviewAsk: '¿Le gustaría compartir su experiencia con otras personas?',
  reviewLink: 'Dejar una reseña',
  change: 'Cambiar mi respuesta',
  closedTitle: 'Esta encuesta ha finalizado',
  closedText: 'Gracias por su interés. Esta encuesta ya no admite respuestas.',
  notFoundTitle: 'Encuesta no encontrada',
  notFoundText: 'Este enlace no es válido. Compruebe que se ha copiado completo.',
  errorTitle: 'Algo ha salido mal',
  errorText: 'No hemos podido procesar su respuesta. Vuelva a intentarlo en un momento.',
  tooManyTitle: 'Demasiados intentos',
  tooManyText: 'Espere unos minutos y vuelva a intentarlo.',
  smsThanks: '¡Gracias por su respuesta! Para dejar un comentario: {{link}}',
  smsReask: 'Perdone, no le hemos entendido. Responda con una cifra del {{min}} al {{max}}.',
  smsNoted: 'Gracias, hemos transmitido su mensaje.',
};
