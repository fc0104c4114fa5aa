import { Types, type Connection } from 'mongoose';
import { settingsChanged } from '../shared/settings-changes';
import { auditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import { assertOutboundUrls } from '../shared/outbound';
import type { TwilioAccount } from '../channels/twilio-account';
import type { ApiAuth } from '../shared/request-context';
import { retentionOf, type RetentionPolicy } from '../shared/retention/retention-policy';
import type { SecretBox } from '../shared/secrets';
import { canonicalTimeZone } from '../shared/time-zone';
import { generateApiKey, hashApiKey, visiblePrefix } from './api-key';
import { apiKeyModel } from './api-key.model';
import { createSenderClaims, type ClaimMigration } from './sender-claims';
import { senderNumberOf } from './sender-number';
import { workspaceModel, type WorkspaceDoc } from './workspace.model';
import {
  openTwilio,
  reencryptTwilio,
  sealTwilio,
  twilioView,
  type StoredTwilio,
  type TwilioSettingsView,
} from './workspace-twilio';
import {
  apiKeyInput,
  workspaceInput,
  workspaceSettingsInput,
  type ApiKeyInput,
  type WorkspaceInput,
  type WorkspaceSettingsInput,
} from './workspaces.schema';

export interface WorkspaceView {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  /** A canonical BCP-47 tag. */
  defaultLocale: string;
  fatigueWindowDays: number;
  quietHours: { start: string; end: string } | null;
  workingHours: { days: number[]; start: string; end: string };
  senderNumbers: string[];
  chatWebhookUrl: string | null;
  /** The workspace's own Twilio account, without its secrets; null: the installation's. */
  twilio: TwilioSettingsView | null;
  /** Set when demo history was seeded into this workspace (dev mode); null otherwise. */
  demoHistorySeededAt: Date | null;
  /** Days each kind of data is kept; null keeps it. */
  retention: RetentionPolicy;
}

/** What sending needs and the API never shows. */
export interface WorkspaceSendSettings extends WorkspaceView {
  chatWebhookSecret: string | null;
  /** Decrypted; null when the workspace sends through the installation's account. */
  twilioAccount: TwilioAccount | null;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** Only at creation does the caller see the secret. */
export interface IssuedApiKey extends ApiKeyView {
  key: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

function slugify(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return base || 'workspace';
}

export type WorkspaceHook = (workspaceId: Types.ObjectId) => Promise<void>;

export interface WorkspacesHooks {
  /** Runs after a workspace is created, e.g. to add its default surveys and rules. */
  onCreated?: WorkspaceHook[];
  /**
   * Runs after updateSettings changed the time zone, e.g. so schedulers that fire at local
   * times (the Monday digest) follow it now rather than at the next worker start. The settings
   * are saved by then: a failing hook goes to onHookError, never to the caller.
   */
  onTimezoneChanged?: WorkspaceHook[];
  onHookError?: (err: unknown, event: 'timezoneChanged', workspaceId: Types.ObjectId) => void;
  /** Internal hosts the chat webhook URL may name (OUTBOUND_ALLOW_HOSTS); others must be public. */
  outboundAllowHosts?: readonly string[];
  /** The installation's own senders (TWILIO_FROM, TWILIO_WHATSAPP_FROM): nobody may claim them. */
  sharedSenderNumbers?: readonly (string | undefined)[];
  /** Encrypts and decrypts each workspace's Twilio secrets (SECRETS_KEY). */
  secrets?: SecretBox;
}

const numbersOf = (addresses: readonly string[] | null | undefined): string[] => [
  ...new Set((addresses ?? []).map(senderNumberOf).filter((n): n is string => n !== null)),
];

export function createWorkspacesService(conn: Connection, hooks: WorkspacesHooks = {}) {
  const Workspaces = workspaceModel(conn);
  const ApiKeys = apiKeyModel(conn);
  const claims = createSenderClaims(conn, hooks.sharedSenderNumbers ?? []);
  const audit = auditTrail(conn);

  const toWorkspaceView = (w: WorkspaceDoc & { _id: Types.ObjectId }): WorkspaceView => ({
    id: String(w._id),
    name: w.name,
    slug: w.slug,
    timezone: w.timezone,
    defaultLocale: w.defaultLocale,
    fatigueWindowDays: w.fatigueWindowDays,
    quietHours:
      w.quietHours?.start && w.quietHours.end
        ? { start: w.quietHours.start, end: w.quietHours.end }
        : null,
    workingHours: {
      days: w.workingHours?.days?.length ? [...w.workingHours.days] : [1, 2, 3, 4, 5],
      start: w.workingHours?.start ?? '09:00',
      end: w.workingHours?.end ?? '18:00',
    },
    senderNumbers: [...(w.senderNumbers ?? [])],
    chatWebhookUrl: w.chatWebhookUrl ?? null,
    twilio: twilioView(w.twilio as StoredTwilio | null),
    demoHistorySeededAt: w.demoHistorySeededAt ?? null,
    retention: retentionOf(w.retention),
  });

  const toKeyView = (k: InstanceType<typeof ApiKeys>): ApiKeyView => ({
    id: String(k._id),
    name: k.name,
    prefix: k.prefix,
    scopes: [...k.scopes],
    lastUsedAt: k.lastUsedAt ?? null,
    revokedAt: k.revokedAt ?? null,
    createdAt: (k as unknown as { createdAt: Date }).createdAt,
  });

  return {
    async createWorkspace(input: WorkspaceInput, slug?: string): Promise<WorkspaceView> {
      const data = workspaceInput.parse(input);
      const doc = await Workspaces.create({
        ...data,
        slug: slug ?? `${slugify(data.name)}-${new Types.ObjectId().toHexString().slice(-6)}`,
      });
      for (const hook of hooks.onCreated ?? []) await hook(doc._id);
      return toWorkspaceView(doc);
    },

    async findWorkspaceBySlug(slug: string): Promise<WorkspaceView | null> {
      const doc = await Workspaces.findOne({ slug }).lean();
      return doc ? toWorkspaceView(doc) : null;
    },

    async getWorkspace(workspaceId: Types.ObjectId): Promise<WorkspaceView> {
      const doc = await Workspaces.findById(workspaceId).lean();
      if (!doc) throw AppError.notFound('Workspace not found.');
      return toWorkspaceView(doc);
    },

    /**
     * The one workspace that claimed this Twilio number (with or without the whatsapp:
     * prefix); null for a shared default number or one nobody claimed.
     */
    async holderOfSenderNumber(address: string): Promise<Types.ObjectId | null> {
      const number = senderNumberOf(address);
      return number ? claims.workspaceFor(number) : null;
    },

    /** True for TWILIO_FROM and TWILIO_WHATSAPP_FROM, in any written form. */
    isSharedSenderNumber(address: string): boolean {
      const number = senderNumberOf(address);
      return number !== null && claims.isShared(number);
    },

    async getSendSettings(workspaceId: Types.ObjectId): Promise<WorkspaceSendSettings> {
      const doc = await Workspaces.findById(workspaceId).lean();
      if (!doc) throw AppError.notFound('Workspace not found.');
      return {
        ...toWorkspaceView(doc),
        chatWebhookSecret: doc.chatWebhookSecret ?? null,
        twilioAccount: openTwilio(hooks.secrets, workspaceId, doc.twilio as StoredTwilio | null),
      };
    },

    /** The workspace a /webhooks/twilio/:workspaceSlug/… URL names, with its decrypted account. */
    async twilioOfSlug(
      slug: string,
    ): Promise<{ workspaceId: Types.ObjectId; account: TwilioAccount | null } | null> {
      const doc = await Workspaces.findOne({ slug }, { twilio: 1 }).lean();
      if (!doc) return null;
      return {
        workspaceId: doc._id,
        account: openTwilio(hooks.secrets, doc._id, doc.twilio as StoredTwilio | null),
      };
    },

    /** Moves every workspace's Twilio secrets to the current key (cli reencrypt-secrets). */
    async reencryptTwilioSecrets(): Promise<{ checked: number; reencrypted: number }> {
      if (!hooks.secrets) return { checked: 0, reencrypted: 0 };
      const docs = await Workspaces.find({ twilio: { $ne: null } }, { twilio: 1 }).lean();
      let reencrypted = 0;
      for (const doc of docs) {
        const stored = doc.twilio as StoredTwilio;
        const again = reencryptTwilio(hooks.secrets, doc._id, stored);
        if (!again) continue;
        const res = await Workspaces.updateOne(
          { _id: doc._id, 'twilio.revision': stored.revision },
          { $set: { twilio: again } },
        );
        reencrypted += res.modifiedCount;
      }
      return { checked: docs.length, reencrypted };
    },

    async updateSettings(
      workspaceId: Types.ObjectId,
      input: WorkspaceSettingsInput,
    ): Promise<WorkspaceView> {
      const { twilio, ...data } = workspaceSettingsInput.parse(input);
      const twilioSet =
        twilio === undefined
          ? {}
          : {
              twilio:
                twilio === null
                  ? null
                  : sealTwilio(
                      hooks.secrets,
                      workspaceId,
                      twilio,
                      ((await Workspaces.findById(workspaceId, { twilio: 1 }).lean())?.twilio ??
                        null) as StoredTwilio | null,
                    ),
            };
      if (data.chatWebhookUrl) {
        assertOutboundUrls(
          [{ path: 'chatWebhookUrl', url: data.chatWebhookUrl }],
          hooks.outboundAllowHosts ?? [],
        );
      }
      // Claimed before the workspace lists them, so a 409 changes nothing.
      const claimed =
        data.senderNumbers === undefined
          ? []
          : await claims.claim(workspaceId, numbersOf(data.senderNumbers));
      // Retention merges field by field: PATCH {retention: {commentsDays: 365}} keeps the rest.
      const { retention, ...rest } = data;
      const set: Record<string, unknown> = { ...rest };
      for (const [key, value] of Object.entries(retention ?? {})) set[`retention.${key}`] = value;
      const before = await Workspaces.findOneAndUpdate(
        { _id: workspaceId },
        { $set: { ...set, ...twilioSet } },
        { returnDocument: 'before' },
      ).lean();
      if (!before) {
        await claims.release(workspaceId, claimed);
        throw AppError.notFound('Workspace not found.');
      }
      settingsChanged(workspaceId);
      const doc = await Workspaces.findById(workspaceId).lean();
      if (!doc) throw AppError.notFound('Workspace not found.');
      await audit.record({
        workspaceId,
        action: 'workspace.settings-updated',
        target: { type: 'workspace', id: String(workspaceId) },
        before: { ...before, retention: retentionOf(before.retention) },
        after: { ...doc, retention: retentionOf(doc.retention) },
      });
      if (data.senderNumbers !== undefined) {
        await claims.releaseAllBut(workspaceId, numbersOf(doc.senderNumbers));
      }
      if (data.timezone !== undefined && data.timezone !== before.timezone) {
        const results = await Promise.allSettled(
          (hooks.onTimezoneChanged ?? []).map(async (hook) => hook(workspaceId)),
        );
        for (const r of results) {
          if (r.status === 'rejected')
            hooks.onHookError?.(r.reason, 'timezoneChanged', workspaceId);
        }
      }
      return toWorkspaceView(doc);
    },

    /**
     * Rewrites time zones stored as typed before they were canonicalised ("europe/paris"), which
     * MongoDB's date operators reject. Idempotent, and safe while another process runs it.
     */
    async canonicalizeTimeZones(): Promise<{ changed: number; unknown: string[] }> {
      const docs = await Workspaces.find({}, { timezone: 1 }).lean();
      let changed = 0;
      const unknown: string[] = [];
      for (const doc of docs) {
        const canonical = canonicalTimeZone(doc.timezone);
        if (canonical === null) unknown.push(String(doc._id));
        else if (canonical !== doc.timezone) {
          const res = await Workspaces.updateOne(
            { _id: doc._id, timezone: doc.timezone },
            { $set: { timezone: canonical } },
          );
          changed += res.modifiedCount;
        }
      }
      return { changed, unknown };
    },

    /**
     * Claims the numbers workspaces listed before claims existed, oldest workspace first; a
     * number two workspaces list stays with the older one and is reported as a conflict.
     */
    async claimExistingSenderNumbers(): Promise<ClaimMigration> {
      const docs = await Workspaces.find({}, { senderNumbers: 1 }).sort({ _id: 1 }).lean();
      return claims.claimExisting(docs.filter((d) => (d.senderNumbers ?? []).length > 0));
    },

    /** `key` lets an operator choose the secret (the demo key); otherwise one is generated. */
    async issueApiKey(
      workspaceId: Types.ObjectId,
      input: ApiKeyInput,
      key = generateApiKey(),
    ): Promise<IssuedApiKey> {
      const data = apiKeyInput.parse(input);
      const doc = await ApiKeys.create({
        workspaceId,
        name: data.name,
        prefix: visiblePrefix(key),
        secretHash: hashApiKey(key),
        scopes: data.scopes,
      });
      const view = toKeyView(doc);
      await audit.record({
        workspaceId,
        action: 'api-key.created',
        target: { type: 'api-key', id: view.id },
        details: { name: view.name, prefix: view.prefix, scopes: view.scopes },
      });
      return { ...view, key };
    },

    /**
     * For a form that may be posted twice (a double click, a reload): the first post carrying
     * this request key issues the key; a repeat issues nothing and returns null, since the
     * secret was shown once already.
     */
    async issueApiKeyOnce(
      workspaceId: Types.ObjectId,
      input: ApiKeyInput,
      requestKey: string,
    ): Promise<IssuedApiKey | null> {
      const data = apiKeyInput.parse(input);
      const key = generateApiKey();
      try {
        const doc = await ApiKeys.create({
          workspaceId,
          name: data.name,
          prefix: visiblePrefix(key),
          secretHash: hashApiKey(key),
          scopes: data.scopes,
          requestKey,
        });
        const view = toKeyView(doc);
        await audit.record({
          workspaceId,
          action: 'api-key.created',
          target: { type: 'api-key', id: view.id },
          details: { name: view.name, prefix: view.prefix, scopes: view.scopes },
        });
        return { ...view, key };
      } catch (err) {
        if (isDuplicateKey(err)) return null;
        throw err;
      }
    },

    async listApiKeys(workspaceId: Types.ObjectId): Promise<ApiKeyView[]> {
      const docs = await ApiKeys.find({ workspaceId }).sort({ createdAt: -1, _id: -1 });
      return docs.map(toKeyView);
    },

    async getApiKey(workspaceId: Types.ObjectId, id: string): Promise<ApiKeyView> {
      const doc = Types.ObjectId.isValid(id)
        ? await ApiKeys.findOne({ _id: id, workspaceId })
        : null;
      if (!doc) throw AppError.notFound('API key not found.');
      return toKeyView(doc);
    },

    /** Idempotent: revoking twice keeps the first revocation time. */
    async revokeApiKey(workspaceId: Types.ObjectId, id: string): Promise<ApiKeyView> {
      const revoked = await ApiKeys.updateOne(
        { _id: id, workspaceId, revokedAt: null },
        { $set: { revokedAt: new Date() } },
      );
      const doc = await ApiKeys.findOne({ _id: id, workspaceId });
      if (!doc) throw AppError.notFound('API key not found.');
      if (revoked.modifiedCount === 1)
        await audit.record({
          workspaceId,
          action: 'api-key.revoked',
          target: { type: 'api-key', id: String(doc._id) },
          details: { name: doc.name, prefix: doc.prefix },
        });
      return toKeyView(doc);
    },

    /** Resolves a presented secret to its workspace, or null when unknown or revoked. */
    async authenticate(key: string): Promise<ApiAuth | null> {
      const doc = await ApiKeys.findOne({ secretHash: hashApiKey(key) }).lean();
      if (!doc || doc.revokedAt) return null;
      const now = new Date();
      if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await ApiKeys.updateOne(
          { _id: doc._id, workspaceId: doc.workspaceId },
          { $set: { lastUsedAt: now } },
        );
      }
      return {
        workspaceId: doc.workspaceId,
        apiKeyId: doc._id,
        prefix: doc.prefix,
        scopes: doc.scopes,
      };
    },

    async hasApiKey(key: string): Promise<boolean> {
      return (await ApiKeys.exists({ secretHash: hashApiKey(key) })) !== null;
    },
  };
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
