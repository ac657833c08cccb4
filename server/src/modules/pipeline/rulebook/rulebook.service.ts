// The eligibility rulebook: data, not code. Stored versioned; the shipped default becomes
// version 1 the first time it is needed; every admin edit is validated and adds a version.
import { ConflictError, ValidationError } from '../../../lib/errors.js';
import { zodIssuesToValidation } from '../../../lib/http/validate.js';
import type { AuditService } from '../../audit/audit.service.js';
import { parseRulebook, safeParseRulebook, type Rulebook } from '../engine/rulebook.schema.js';
import type { RulebookVersionRecord, RulebooksRepository } from './rulebooks.repository.js';
import defaultRulebookJson from '../default-rulebook.json' with { type: 'json' };

export function defaultRulebook(): Rulebook {
  return parseRulebook(defaultRulebookJson);
}

export interface ActiveRulebook {
  version: number;
  rulebook: Rulebook;
  record: RulebookVersionRecord;
}

export function createRulebookService(deps: { rulebooks: RulebooksRepository; audit?: AuditService }) {
  const { rulebooks, audit } = deps;

  async function toActive(record: RulebookVersionRecord): Promise<ActiveRulebook> {
    return {
      version: record.version,
      rulebook: parseRulebook({ ...(record.content as object), version: record.version }),
      record,
    };
  }

  async function ensureDefault(): Promise<RulebookVersionRecord> {
    const existing = await rulebooks.current();
    if (existing) return existing;
    const rulebook = defaultRulebook();
    try {
      return await rulebooks.addVersion({
        name: rulebook.name,
        content: { ...rulebook, version: 1 },
        comment: 'Default rulebook',
        createdById: null,
      });
    } catch (error) {
      const raced = await rulebooks.current();
      if (raced) return raced;
      throw error;
    }
  }

  return {
    ensureDefault,

    async current(): Promise<ActiveRulebook> {
      return toActive(await ensureDefault());
    },

    async version(version: number): Promise<ActiveRulebook | null> {
      const record = await rulebooks.byVersion(version);
      return record ? toActive(record) : null;
    },

    history: (skip: number, limit: number) => rulebooks.history(skip, limit),

    /**
     * Saves an edited rulebook as the next version. `body.version` must be the version the editor
     * started from, so two admins editing at once cannot overwrite each other unknowingly.
     */
    async update(
      body: unknown,
      actor: { id: number; username: string },
      comment: string | null,
    ): Promise<ActiveRulebook> {
      const parsed = safeParseRulebook(body);
      if (!parsed.success) {
        throw new ValidationError(
          zodIssuesToValidation(parsed.error).map((issue) => ({ ...issue, loc: ['body', ...issue.loc] })),
        );
      }
      const current = await ensureDefault();
      if (parsed.data.version !== current.version) {
        throw new ConflictError(
          `The rulebook changed since version ${parsed.data.version} was loaded (current: version ${current.version}); reload and apply your edit again`,
        );
      }
      const nextVersion = current.version + 1;
      const record = await rulebooks.addVersion({
        name: parsed.data.name,
        content: { ...parsed.data, version: nextVersion },
        comment,
        createdById: actor.id,
      });
      await audit?.record({
        actorId: actor.id,
        actorUsername: actor.username,
        action: 'rulebook.update',
        target: `rulebook:v${record.version}`,
        detail: { from_version: current.version, comment },
      });
      return toActive(record);
    },
  };
}

export type RulebookService = ReturnType<typeof createRulebookService>;
