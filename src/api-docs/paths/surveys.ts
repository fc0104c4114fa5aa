import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { surveyList, surveyView } from '../../surveys/survey-view.schema';
import { surveyInput, surveyPatch } from '../../surveys/surveys.schema';
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
}
