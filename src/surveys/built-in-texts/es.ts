import { NAME, type BuiltInTexts } from './types';

export const es: BuiltInTexts = {
  nps: {
    question: '¿Qué probabilidad hay de que recomiende {{company}} a un amigo o colega?',
    followUp: '¿Cuál es el motivo principal de su puntuación?',
    sms: `Hola${NAME}, gracias por contactar con {{company}}. Del 0 al 10, ¿qué probabilidad hay de que nos recomiende? Responda con una cifra o pulse {{link}}`,
  },
  csat: {
    question: '¿Cuál es su grado de satisfacción con la ayuda que recibió de {{company}}?',
    followUp: '¿Qué podríamos haber hecho mejor?',
    sms: `Hola${NAME}, ¿qué le ha parecido el servicio de {{company}}? Del 1 al 5, responda con una cifra o pulse {{link}}`,
  },
  ces: {
    question: '¿Cuánto esfuerzo personal tuvo que hacer para gestionar su solicitud?',
    followUp: '¿Qué lo hizo fácil o difícil?',
    sms: `Hola${NAME}, del 1 (muy poco) al 5 (mucho), ¿qué esfuerzo le ha supuesto su solicitud a {{company}}? Responda con una cifra o pulse {{link}}`,
  },
  thankYou: '¡Gracias por su opinión!',
  scale: {
    npsLow: 'Nada probable',
    npsHigh: 'Extremadamente probable',
    cesEffortLow: 'Muy poco esfuerzo',
    cesEffortHigh: 'Muchísimo esfuerzo',
    cesAgreeLow: 'Totalmente en desacuerdo',
    cesAgreeHigh: 'Totalmente de acuerdo',
    csatWords: ['Muy insatisfecho', 'Insatisfecho', 'Neutral', 'Satisfecho', 'Muy satisfecho'],
  },
  email: {
    reminder: 'Recordatorio: ',
    open: 'O abra la encuesta:',
    footer: 'Ha recibido este correo porque se puso en contacto con',
    score: 'Puntuación',
  },
  templates: {
    chat: '¿Qué tal lo hicimos? Díganoslo con un clic: {{link}}',
    emailSubject: '{{company}}: una pregunta sobre su solicitud',
    emailText: `Hola${NAME}:\n\nGracias por contactar con {{company}}{{#if agentName}}. A {{agentName}} le ha encantado atenderle{{/if}}. ¿Respondería a una pregunta? Solo le llevará diez segundos.`,
    reminder:
      'Recordatorio de {{company}}: queremos conocer su experiencia, son 10 segundos: {{link}}',
  },
};
