import { z } from 'zod';
import {
  directionView,
  type Fits,
  idString,
  isoDateTime,
  localizedText,
  scaleView,
} from '../shared/view-schema';
import { SURVEY_TYPES } from './survey-types';
import type { SurveyView } from './surveys.service';

export const surveyView = z
  .strictObject({
    id: idString,
    key: z.string().meta({ example: 'support-nps' }),
    type: z.enum(SURVEY_TYPES),
    name: z.string(),
    isDefault: z.boolean(),
    scale: scaleView,
    direction: directionView,
    question: localizedText,
    followUpQuestion: localizedText,
    thankYou: localizedText,
    templates: z.strictObject({
      sms: localizedText,
      whatsapp: localizedText,
      chat: localizedText,
      emailSubject: localizedText,
      emailText: localizedText,
      reminder: localizedText,
    }),
    reminderDelay: z.string().meta({ example: 'P2D' }),
    reminderDelayMs: z.number().int(),
    expiry: z.string().meta({ example: 'P7D' }),
    expiryMs: z.number().int(),
    whatsappContent: z
      .record(
        z.string(),
        z.strictObject({
          contentSid: z.string().meta({ example: 'HX0123456789abcdef0123456789abcdef' }),
          variables: z.record(z.string(), z.string()),
        }),
      )
      .meta({
        description:
          'Approved Twilio Content templates per locale (WhatsApp outside the 24 h window)',
      }),
    reviewUrl: z.string().nullable(),
    active: z.boolean(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Survey' });
export const surveyList = z.strictObject({ surveys: z.array(surveyView) });

export const surveyViewFits: Fits<SurveyView, typeof surveyView> = true;
