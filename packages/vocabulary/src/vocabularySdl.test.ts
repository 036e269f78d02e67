import { Kind, parse } from 'graphql';
import type { EnumTypeDefinitionNode } from 'graphql';
import {
  certificateGrades,
  certificateKinds,
  certificateStatuses,
  departments,
  directedKinds,
  kindInfo,
  sexes,
  skillLevelLabels,
  skillLevels,
  talentCategories,
  targetGroups,
  trainingChannels,
  trainingOutcomes,
} from './enums';
import { vocabularySdl } from './vocabularySdl';

const expected: Record<string, readonly string[]> = {
  Department: departments,
  TalentCategory: talentCategories,
  CertificateKind: certificateKinds,
  SkillLevel: skillLevels,
  CertificateGradeCode: certificateGrades,
  CertificateStatus: certificateStatuses,
  TrainingChannel: trainingChannels,
  TargetGroup: targetGroups,
  DirectedKind: directedKinds,
  TrainingOutcome: trainingOutcomes,
  Sex: sexes,
};

function enums(): EnumTypeDefinitionNode[] {
  return parse(vocabularySdl).definitions as EnumTypeDefinitionNode[];
}

describe('vocabularySdl', () => {
  it('parses as GraphQL and defines only the eleven shared enums', () => {
    const definitions = parse(vocabularySdl).definitions;
    expect(definitions.every((d) => d.kind === Kind.ENUM_TYPE_DEFINITION)).toBe(true);
    expect(enums().map((d) => d.name.value)).toEqual(Object.keys(expected));
  });

  it('lists every value of each const array, in order', () => {
    for (const definition of enums()) {
      expect((definition.values ?? []).map((v) => v.name.value)).toEqual([...expected[definition.name.value]]);
    }
  });

  it('describes every enum and every value in Chinese and English', () => {
    for (const definition of enums()) {
      expect(definition.description?.value).toMatch(/^\p{Script=Han}+ [a-z]/u);
      for (const value of definition.values ?? []) {
        expect(value.description?.value).toMatch(/^[\p{Script=Han}/]+ [a-zA-Z]/u);
      }
    }
  });

  it('puts the Chinese label before the English meaning', () => {
    const skilled = enums()
      .find((d) => d.name.value === 'TalentCategory')
      ?.values?.find((v) => v.name.value === 'SKILLED');
    expect(skilled?.description?.value).toBe('技能人才 skilled talents');
    const level = enums()
      .find((d) => d.name.value === 'SkillLevel')
      ?.values?.find((v) => v.name.value === 'LEVEL_4');
    expect(level?.description?.value.startsWith(`${skillLevelLabels.LEVEL_4} `)).toBe(true);
    const kind = enums()
      .find((d) => d.name.value === 'CertificateKind')
      ?.values?.find((v) => v.name.value === 'SPECIAL_ABILITY');
    expect(kind?.description?.value.startsWith(`${kindInfo.SPECIAL_ABILITY.label} `)).toBe(true);
  });

  it('carries no schema, directive or link definitions that would clash when concatenated', () => {
    expect(vocabularySdl).not.toMatch(/\bschema\b|@link|\bdirective\b|\bextend\b/);
  });
});
