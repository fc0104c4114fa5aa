import { renderTemplate, templateProblem } from '../../src/shared/text-templates';

describe('workspace text templates', () => {
  it('when a text uses the variables and built-in helpers, then it renders and has no problem', () => {
    const text = '{{#if customerName}}Bonjour {{customerName}}, {{/if}}{{company}}: {{link}}';
    expect(templateProblem(text)).toBeNull();
    expect(renderTemplate(text, { customerName: 'Ana', company: 'Acme', link: 'https://x' })).toBe(
      'Bonjour Ana, Acme: https://x',
    );
  });

  it('when a text says {{log}}, then it renders blank: there is no log helper', () => {
    expect(renderTemplate('a{{log}}b', { log: undefined })).toBe('ab');
    expect(templateProblem('{{log comment}}')).toMatch(/unknown helper log/);
  });

  it('when a text reaches for the prototype, then it renders blank', () => {
    expect(renderTemplate('[{{constructor}}][{{lookup this "__proto__"}}]', {})).toBe('[][]');
  });
});
