import { NAME, type BuiltInTexts } from './types';

export const pt: BuiltInTexts = {
  nps: {
    question: 'Qual é a probabilidade de recomendar {{company}} a um amigo ou colega?',
    followUp: 'Qual é o principal motivo da sua nota?',
    sms: `Olá${NAME}, obrigado por falar com {{company}}. De 0 a 10, qual a probabilidade de nos recomendar? Responda com um número ou toque em {{link}}`,
  },
  csat: {
    question: 'Qual é o seu grau de satisfação com a ajuda que recebeu de {{company}}?',
    followUp: 'O que poderíamos ter feito melhor?',
    sms: `Olá${NAME}, qual é a sua satisfação com o atendimento de {{company}}? De 1 a 5, responda com um número ou toque em {{link}}`,
  },
  ces: {
    question: 'Quanto esforço pessoal teve de fazer para resolver o seu pedido?',
    followUp: 'O que o tornou fácil ou difícil?',
    sms: `Olá${NAME}, de 1 (muito pouco) a 5 (muito), quanto esforço exigiu o seu pedido a {{company}}? Responda com um número ou toque em {{link}}`,
  },
  thankYou: 'Obrigado pela sua opinião!',
  scale: {
    npsLow: 'Nada provável',
    npsHigh: 'Extremamente provável',
    cesEffortLow: 'Muito pouco esforço',
    cesEffortHigh: 'Muitíssimo esforço',
    cesAgreeLow: 'Discordo totalmente',
    cesAgreeHigh: 'Concordo totalmente',
    csatWords: ['Muito insatisfeito', 'Insatisfeito', 'Neutro', 'Satisfeito', 'Muito satisfeito'],
  },
  email: {
    reminder: 'Lembrete: ',
    open: 'Ou abra o questionário:',
    footer: 'Recebeu este e-mail porque contactou',
    score: 'Nota',
  },
  templates: {
    chat: 'Como correu? Diga-nos com um toque: {{link}}',
    emailSubject: '{{company}}: uma pergunta sobre o seu pedido',
    emailText: `Olá${NAME},\n\nobrigado por falar com {{company}}{{#if agentName}}. {{agentName}} teve todo o gosto em ajudar{{/if}}. Pode responder a uma pergunta? Leva dez segundos.`,
    reminder: 'Lembrete de {{company}}: a sua opinião conta e leva 10 segundos: {{link}}',
  },
};
