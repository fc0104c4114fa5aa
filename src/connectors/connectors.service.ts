import { randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { auditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { assertOutboundUrls } from '../shared/outbound';
import type { SecretBox } from '../shared/secrets';
import type { SurveysService } from '../surveys';
import type { SurveyType } from '../surveys/survey-types';
import type { AdapterSettings, ConnectorProvider } from './adapter';
import { adapterFor } from './adapters';
import { connectorModel, type ConnectorDoc } from './connector.model';
import { retourSignsFor, type ConnectorData, type ConnectorPatchData } from './connectors.schema';

export interface ConnectorView {
  id: string;
  provider: ConnectorProvider;
  name: string;
  inboundUrl: string;
  signingSecretSet: boolean;
  api: {
    baseUrl: string | null;
    email: string | null;
    accountId: string | null;
    tokenLast4: string;
  } | null;
  survey: { type: string; channels?: string[]; delay?: string } | null;
  writeBack: { note: boolean; tags: boolean } | null;
  mapping?: Record<string, string>;
  when?: AdapterSettings['when'] | null;
  createdAt: string;
  updatedAt: string;
}

/** What the inbound route and the job need: the stored connector with its secrets opened. */
export interface OpenConnector {
  id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  provider: ConnectorProvider;
  settings: AdapterSettings;
  survey: ConnectorView['survey'];
  /** For enrichment and write-back (not done yet): credentials with the token opened. */
  api: {
    baseUrl: string | null;
    email: string | null;
    accountId: string | null;
    token: string;
  } | null;
  writeBack: ConnectorView['writeBack'];
}

export interface ConnectorsDeps {
  conn: Connection;
  secrets: SecretBox;
  surveys: SurveysService;
  publicUrl: string;
  allowHosts: readonly string[];
  /** Production: `api.baseUrl` must be https. */
  requireHttps: boolean;
}

const context = (id: Types.ObjectId, field: 'signingSecret' | 'token') =>
  `connector:${String(id)}:${field}`;
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function createConnectorsService(deps: ConnectorsDeps) {
  const Connectors = connectorModel(deps.conn);
  const audit = auditTrail(deps.conn);

  const toView = (doc: ConnectorDoc): ConnectorView => {
    const api = doc.api;
    const survey = doc.survey;
    const view: ConnectorView = {
      id: String(doc._id),
      provider: doc.provider as ConnectorProvider,
      name: doc.name,
      inboundUrl: `${deps.publicUrl}/webhooks/connectors/${String(doc._id)}`,
      signingSecretSet: Boolean(doc.signingSecret),
      api: api
        ? {
            baseUrl: api.baseUrl ?? null,
            email: api.email ?? null,
            accountId: api.accountId ?? null,
            tokenLast4: api.tokenLast4,
          }
        : null,
      survey: survey
        ? {
            type: survey.type,
            ...(survey.channels?.length ? { channels: survey.channels } : {}),
            ...(survey.delay ? { delay: survey.delay } : {}),
          }
        : null,
      writeBack: doc.writeBack ? { note: doc.writeBack.note, tags: doc.writeBack.tags } : null,
      createdAt: doc.createdAt.toISOString(),
      updatedAt: doc.updatedAt.toISOString(),
    };
    if (doc.provider === 'generic') {
      view.mapping = (doc.mapping as Record<string, string> | null) ?? {};
      view.when = (doc.when as AdapterSettings['when'] | null) ?? null;
    }
    return view;
  };

  const checkApi = (api: { baseUrl?: string } | null | undefined) => {
    if (!api?.baseUrl) return;
    if (deps.requireHttps && !api.baseUrl.startsWith('https://')) {
      throw AppError.badRequest('The connector is not valid.', [
        { path: 'api.baseUrl', message: 'must be an https URL' },
      ]);
    }
    assertOutboundUrls([{ path: 'api.baseUrl', url: api.baseUrl }], deps.allowHosts);
  };

  const checkSurvey = async (
    workspaceId: Types.ObjectId,
    survey: { type: SurveyType } | null | undefined,
  ) => {
    if (!survey) return;
    if (!(await deps.surveys.findDefault(workspaceId, survey.type))) {
      throw AppError.badRequest('The connector is not valid.', [
        { path: 'survey.type', message: `this workspace has no active ${survey.type} survey` },
      ]);
    }
  };

  const storedApi = (
    id: Types.ObjectId,
    api: { baseUrl?: string; email?: string; token: string; accountId?: string },
  ) => ({
    baseUrl: api.baseUrl ?? null,
    email: api.email ?? null,
    token: deps.secrets.encrypt(api.token, context(id, 'token')),
    // A short token would be half given away by its last four characters.
    tokenLast4: api.token.length >= 12 ? api.token.slice(-4) : '',
    accountId: api.accountId ?? null,
  });

  const findLive = async (workspaceId: Types.ObjectId, id: string) => {
    if (!Types.ObjectId.isValid(id)) return null;
    return Connectors.findOne({ _id: id, workspaceId, deletedAt: null }).lean<ConnectorDoc>();
  };

  return {
    async create(
      workspaceId: Types.ObjectId,
      data: ConnectorData,
    ): Promise<ConnectorView & { secret?: string }> {
      if (!adapterFor(data.provider)) {
        throw AppError.badRequest('The connector is not valid.', [
          { path: 'provider', message: `${data.provider} is not available yet` },
        ]);
      }
      checkApi(data.api);
      await checkSurvey(workspaceId, data.survey);
      const _id = new Types.ObjectId();
      const generated = retourSignsFor(data.provider) ? newSecret() : undefined;
      const secret = generated ?? data.signingSecret;
      const doc = await Connectors.create({
        _id,
        workspaceId,
        provider: data.provider,
        name: data.name,
        signingSecret: secret ? deps.secrets.encrypt(secret, context(_id, 'signingSecret')) : null,
        api: data.api ? storedApi(_id, data.api) : null,
        survey: data.survey ?? null,
        writeBack: data.writeBack
          ? { note: data.writeBack.note ?? false, tags: data.writeBack.tags ?? false }
          : null,
        mapping: data.mapping ?? null,
        when: data.when ?? null,
      });
      const view = toView(doc.toObject() as ConnectorDoc);
      await audit.record({
        workspaceId,
        action: 'connector.created',
        target: { type: 'connector', id: view.id },
        before: null,
        after: { ...view },
      });
      return generated ? { ...view, secret: generated } : view;
    },

    async list(workspaceId: Types.ObjectId): Promise<ConnectorView[]> {
      const docs = await Connectors.find({ workspaceId, deletedAt: null })
        .sort({ createdAt: 1, _id: 1 })
        .lean<ConnectorDoc[]>();
      return docs.map(toView);
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<ConnectorView> {
      const doc = await findLive(workspaceId, id);
      if (!doc) throw AppError.notFound('Connector not found.');
      return toView(doc);
    },

    async update(
      workspaceId: Types.ObjectId,
      id: string,
      patch: ConnectorPatchData,
    ): Promise<ConnectorView & { secret?: string }> {
      const doc = await findLive(workspaceId, id);
      if (!doc) throw AppError.notFound('Connector not found.');
      const generatesSecret = retourSignsFor(doc.provider);
      const problems = [];
      if (patch.signingSecret !== undefined && generatesSecret) {
        problems.push({
          path: 'signingSecret',
          message: `is generated by Retour for ${doc.provider}; use rotateSecret`,
        });
      }
      if (patch.rotateSecret && !generatesSecret) {
        problems.push({
          path: 'rotateSecret',
          message: `${doc.provider} signs with its own secret; send signingSecret`,
        });
      }
      for (const field of ['mapping', 'when'] as const) {
        if (patch[field] !== undefined && doc.provider !== 'generic') {
          problems.push({ path: field, message: 'is for the generic provider only' });
        }
      }
      if (patch.api && !patch.api.token && !doc.api) {
        problems.push({ path: 'api.token', message: 'is required' });
      }
      if (problems.length) throw AppError.badRequest('The connector is not valid.', problems);
      checkApi(patch.api);
      await checkSurvey(workspaceId, patch.survey);

      const set: Record<string, unknown> = {};
      if (patch.name !== undefined) set.name = patch.name;
      const secret = patch.rotateSecret ? newSecret() : patch.signingSecret;
      if (secret !== undefined) {
        set.signingSecret = deps.secrets.encrypt(secret, context(doc._id, 'signingSecret'));
      }
      if (patch.api === null) set.api = null;
      else if (patch.api) {
        // A field left out keeps its stored value: a new token alone must not drop the base URL.
        const { token, ...rest } = patch.api;
        const kept = {
          baseUrl: rest.baseUrl ?? doc.api?.baseUrl ?? undefined,
          email: rest.email ?? doc.api?.email ?? undefined,
          accountId: rest.accountId ?? doc.api?.accountId ?? undefined,
        };
        set.api = token
          ? storedApi(doc._id, { ...kept, token })
          : {
              ...doc.api,
              baseUrl: kept.baseUrl ?? null,
              email: kept.email ?? null,
              accountId: kept.accountId ?? null,
            };
      }
      if (patch.survey !== undefined) set.survey = patch.survey;
      if (patch.writeBack !== undefined) {
        set.writeBack = patch.writeBack
          ? { note: patch.writeBack.note ?? false, tags: patch.writeBack.tags ?? false }
          : null;
      }
      if (patch.mapping !== undefined) set.mapping = patch.mapping;
      if (patch.when !== undefined) set.when = patch.when;
      const updated = await Connectors.findOneAndUpdate(
        { _id: doc._id, workspaceId, deletedAt: null },
        { $set: set },
        { returnDocument: 'after' },
      ).lean<ConnectorDoc>();
      if (!updated) throw AppError.notFound('Connector not found.');
      const view = toView(updated);
      await audit.record({
        workspaceId,
        action: 'connector.updated',
        target: { type: 'connector', id: view.id },
        before: { ...toView(doc) },
        after: { ...view },
        details: {
          signingSecretChanged: secret !== undefined,
          apiTokenChanged: !!patch.api?.token,
        },
      });
      return patch.rotateSecret && secret ? { ...view, secret } : view;
    },

    /** Soft delete: its inbound URL answers 404 at once; the delivery log expires on its own. */
    async remove(workspaceId: Types.ObjectId, id: string): Promise<void> {
      if (!Types.ObjectId.isValid(id)) throw AppError.notFound('Connector not found.');
      const result = await Connectors.updateOne(
        { _id: id, workspaceId, deletedAt: null },
        { $set: { deletedAt: new Date() } },
      );
      if (result.matchedCount === 0) throw AppError.notFound('Connector not found.');
      await audit.record({
        workspaceId,
        action: 'connector.deleted',
        target: { type: 'connector', id },
      });
    },

    /** Lets the inbound route check a connector without knowing its workspace (the URL is all). */
    async open(id: string): Promise<OpenConnector | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      const doc = await Connectors.findOne({ _id: id, deletedAt: null }).lean<ConnectorDoc>();
      return doc ? openDoc(doc) : null;
    },

    /** For the job: the connector of a stored delivery, in its workspace, even if deleted since. */
    async openIn(workspaceId: Types.ObjectId, id: Types.ObjectId): Promise<OpenConnector | null> {
      const doc = await Connectors.findOne({ _id: id, workspaceId }).lean<ConnectorDoc>();
      return doc ? openDoc(doc) : null;
    },

    /**
     * After a new key was put first in SECRETS_KEY: re-encrypts every stored secret that an older
     * key encrypted, so that key can then be dropped. Values no listed key opens are reported.
     */
    async reencryptAll(): Promise<{ checked: number; reencrypted: number; unreadable: string[] }> {
      const current = deps.secrets.currentKeyId;
      const outcome = { checked: 0, reencrypted: 0, unreadable: [] as string[] };
      const docs = Connectors.find({}, { signingSecret: 1, api: 1, workspaceId: 1 })
        .sort({ _id: 1 })
        .lean<ConnectorDoc[]>()
        .cursor();
      for await (const doc of docs) {
        outcome.checked += 1;
        const set: Record<string, string> = {};
        try {
          if (doc.signingSecret && deps.secrets.keyIdOf(doc.signingSecret) !== current) {
            const ctx = context(doc._id, 'signingSecret');
            set.signingSecret = deps.secrets.encrypt(
              deps.secrets.decrypt(doc.signingSecret, ctx),
              ctx,
            );
          }
          if (doc.api && deps.secrets.keyIdOf(doc.api.token) !== current) {
            const ctx = context(doc._id, 'token');
            set['api.token'] = deps.secrets.encrypt(deps.secrets.decrypt(doc.api.token, ctx), ctx);
          }
        } catch {
          outcome.unreadable.push(String(doc._id));
          continue;
        }
        if (Object.keys(set).length === 0) continue;
        await Connectors.updateOne({ _id: doc._id, workspaceId: doc.workspaceId }, { $set: set });
        outcome.reencrypted += 1;
      }
      return outcome;
    },

    /** The connector's workspace-scoped existence check for the deliveries log. */
    async exists(workspaceId: Types.ObjectId, id: string): Promise<boolean> {
      return (await findLive(workspaceId, id)) !== null;
    },
  };

  function openDoc(doc: ConnectorDoc): OpenConnector {
    const settings: AdapterSettings = {
      secret: doc.signingSecret
        ? deps.secrets.decrypt(doc.signingSecret, context(doc._id, 'signingSecret'))
        : '',
    };
    if (doc.mapping) settings.mapping = doc.mapping as Record<string, string>;
    if (doc.when) settings.when = doc.when as NonNullable<AdapterSettings['when']>;
    return {
      id: doc._id,
      workspaceId: doc.workspaceId,
      provider: doc.provider as ConnectorProvider,
      settings,
      survey: doc.survey
        ? {
            type: doc.survey.type,
            ...(doc.survey.channels?.length ? { channels: doc.survey.channels } : {}),
            ...(doc.survey.delay ? { delay: doc.survey.delay } : {}),
          }
        : null,
      api: doc.api
        ? {
            baseUrl: doc.api.baseUrl ?? null,
            email: doc.api.email ?? null,
            accountId: doc.api.accountId ?? null,
            token: deps.secrets.decrypt(doc.api.token, context(doc._id, 'token')),
          }
        : null,
      writeBack: doc.writeBack ? { note: doc.writeBack.note, tags: doc.writeBack.tags } : null,
    };
  }
}

export type ConnectorsService = ReturnType<typeof createConnectorsService>;
