import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { surveyList, surveyView } from '../../surveys/survey-view.schema';
import { surveyInput, surveyPatch } from '../../surveys/surveys.schema';
import { testSendInput, testSendView } from '../../invitations/test-send.schema';
import { objectIdParam } from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Surveys';
const access = { key: 'admin' } as const;
const example = {
  key: 'support-nps',
  type: 'nps',
  name: 'Support NPS',
  question: {
    en: 'How likely are you to recommend {{company}}?',
    fr: 'Recommanderiez-vous {{company}} ?',
  },
  followUpQuestion: { en: 'What is the main reason for your score?' },
  thankYou: { en: 'Thank you!' },
};

export function registerSurveys(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/surveys',
    tag,
    access,
    summary: 'List the surveys',
    responses: { 200: json('The surveys', surveyList) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/surveys/{id}',
    tag,
    access,
    summary: 'Read a survey',
    request: { params: objectIdParam },
    responses: { 200: json('The survey', surveyView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/surveys',
    tag,
    access,
    summary: 'Create a survey',
    description: 'Templates are rendered against sample data on save, so a bad one is a 400.',
    request: { body: jsonBody(surveyInput, example) },
    responses: { 201: json('Created (Location: its URL)', surveyView), ...problems(400, 409) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/surveys/{id}',
    tag,
    access,
    summary: 'Change a survey',
    request: { params: objectIdParam, body: jsonBody(surveyPatch, { active: false }) },
    responses: { 200: json('The changed survey', surveyView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/surveys/{id}/test-send',
    tag: 'Surveys',
    access: { key: 'admin', session: true },
    summary: "Send the survey's message once to one address, with sample data",
    description:
      "Rendered for a sample customer (Alex Martin) and agent (Sam) in the locale asked (else the workspace default), through the workspace's own Twilio account when it has one. SMS and email say [Test]; WhatsApp outside the 24-hour window uses the approved template for the locale (409 when there is none). No invitation is made, so reports never count it, and the link opens no survey. Sessions: admins and managers.",
    request: {
      params: objectIdParam,
      body: jsonBody(testSendInput, { channel: 'sms', to: '+33612345678', locale: 'es' }),
    },
    responses: {
      200: json('What went out', testSendView),
      ...problems(400, 404, 409),
    },
  });
}
