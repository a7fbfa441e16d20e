import { describe, expect, it } from 'vitest';
import { defaultFilterName, functionLogGroupName, pascalCase, slug, stackName } from '../src/index.js';

describe('names derived from answers', () => {
  it('PascalCases project names into stack names, as cdk init does', () => {
    expect(pascalCase('my-app.v2_x')).toBe('MyAppV2X');
    expect(stackName('my-app')).toBe('MyAppStack');
  });

  it("names the function's own log group after the stack", () => {
    expect(functionLogGroupName('my-app')).toBe('/aws/lambda/log-lambda/MyAppStack/echo');
  });

  it('slugs log group names', () => {
    expect(slug('/aws/lambda/versions')).toBe('aws-lambda-versions');
    expect(slug('API-Gateway-Execution-Logs_a1b2/prod')).toBe('API-Gateway-Execution-Logs-a1b2-prod');
    expect(slug('/#/')).toBe('');
  });

  it('derives a stable default filter name, suffixed when taken', () => {
    expect(defaultFilterName('my-app', '/aws/lambda/versions')).toBe('my-app-aws-lambda-versions');
    expect(defaultFilterName('my-app', '/aws/lambda/versions')).toBe(defaultFilterName('my-app', '/aws/lambda/versions'));
    expect(defaultFilterName('my-app', '/aws/lambda/versions', ['my-app-aws-lambda-versions'])).toBe('my-app-aws-lambda-versions-2');
    expect(defaultFilterName('my-app', '/x', ['my-app-x', 'my-app-x-2'])).toBe('my-app-x-3');
    expect(defaultFilterName('my-app', '###')).toBe('my-app');
  });

  it('keeps default filter names within 512 characters, suffix included', () => {
    const long = `/${'a'.repeat(511)}`;
    const name = defaultFilterName('p', long);
    expect(name).toHaveLength(512);
    const second = defaultFilterName('p', long, [name]);
    expect(second).toHaveLength(512);
    expect(second.endsWith('-2')).toBe(true);
  });
});
