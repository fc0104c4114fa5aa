import { agentEmailToResolve, agentIdentity } from '../../src/shared/agent-identity';

describe('agent identity', () => {
  it('when the agent has an id, then the id is the identity, whatever the e-mail', () => {
    expect(agentIdentity({ id: 'a-7', email: 'ana@example.com' }, 'u1')).toBe('a-7');
    expect(agentEmailToResolve({ id: 'a-7', email: 'ana@example.com' })).toBeNull();
  });

  it('when the agent has only an e-mail, then the user found by it, else the e-mail lower-cased', () => {
    expect(agentEmailToResolve({ email: ' Ana@Example.com ' })).toBe('ana@example.com');
    expect(agentIdentity({ email: 'Ana@Example.com' }, 'u1')).toBe('u1');
    expect(agentIdentity({ email: 'Ana@Example.com' }, null)).toBe('ana@example.com');
  });

  it('when there is no agent, then there is no identity', () => {
    expect(agentIdentity(null, null)).toBeNull();
    expect(agentIdentity({ name: 'Ana' }, null)).toBeNull();
  });
});
