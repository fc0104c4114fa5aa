import type { Translate } from '../pages/i18n';
import { CONNECTOR_PROVIDERS, type ConnectorProvider } from './adapter';
import type { ConnectorView } from './connectors.service';
import type { DeliveryView } from './deliveries.service';

/** How many setup steps each provider's instructions have in the catalogue (stepN keys). */
const SETUP_STEPS: Record<ConnectorProvider, number> = {
  zendesk: 4,
  freshdesk: 4,
  intercom: 4,
  helpscout: 4,
  chatwoot: 4,
  shopify: 4,
  generic: 4,
};

const OUTCOME_TONE: Record<string, string | null> = {
  accepted: 'ok',
  queued: null,
  duplicate: null,
  ignored: null,
  rejected: 'bad',
  failed: 'bad',
};

export function setupSteps(provider: ConnectorProvider, t: Translate): string[] {
  return Array.from({ length: SETUP_STEPS[provider] }, (_, i) =>
    t(`connectorsPage.setup.${provider}.step${i + 1}`),
  );
}

export interface ConnectorsPageInput {
  connectors: { connector: ConnectorView; deliveries: DeliveryView[] }[];
  t: Translate;
}

/** The connectors page's data, pure. */
export function connectorsPageModel({ connectors, t }: ConnectorsPageInput) {
  const refused = (deliveries: DeliveryView[]) =>
    deliveries.filter((d) => d.outcome === 'rejected' || d.outcome === 'failed').length;
  return {
    connectors: connectors.map(({ connector: c, deliveries }) => ({
      id: c.id,
      name: c.name,
      provider: c.provider,
      providerLabel: t(`connectorsPage.provider.${c.provider}`),
      inboundUrl: c.inboundUrl,
      signingSecretSet: c.signingSecretSet,
      apiSet: c.api !== null,
      survey: c.survey?.type.toUpperCase() ?? null,
      steps: setupSteps(c.provider, t),
      doc: `docs/connectors/${c.provider}.md`,
      deliveries: deliveries.map((d) => ({
        ...d,
        outcomeLabel: t(`connectorsPage.outcome.${d.outcome}`),
        tone: OUTCOME_TONE[d.outcome] ?? null,
      })),
      problems: refused(deliveries)
        ? t('connectorsPage.problems', { count: refused(deliveries) })
        : null,
    })),
    empty: connectors.length === 0,
    // Every provider's instructions, for the admin who has no connector yet.
    providers: CONNECTOR_PROVIDERS.map((p) => ({
      provider: p,
      label: t(`connectorsPage.provider.${p}`),
      steps: setupSteps(p, t),
      doc: `docs/connectors/${p}.md`,
    })),
  };
}
