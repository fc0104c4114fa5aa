import type { ParameterObject } from 'openapi3-ts/oas31';
import { SEGMENT_FIELDS } from '../../responses/response.model';

/** `filter[field]=value`: read by splitFilterParams, so it is no key of the zod query schema. */
export const filterParam: ParameterObject = {
  name: 'filter',
  in: 'query',
  style: 'deepObject',
  explode: true,
  required: false,
  description: `Segment filters, e.g. \`filter[team]=support-fr\`: ${SEGMENT_FIELDS.join(', ')} or attributes.<name>`,
  schema: { type: 'object', additionalProperties: { type: 'string' } },
  example: { team: 'support-fr' },
};
