import { type Actor, can } from '../../platform/access.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../platform/identity.ts';
import type { PersonResource } from './people.policy.ts';
import type { PersonFields, PersonWithUnit } from './people.repo.ts';
import type { PersonAbilities, PersonView } from './people.schema.ts';

/** The person as the policy rules see it, from the viewer's scoped row. */
export function personResource(row: PersonWithUnit): PersonResource {
  return {
    unitPath: row.unit_path,
    confidential: row.confidential === 1,
    granted: Number(row.granted) === 1,
  };
}

export function personAbilities(row: PersonWithUnit, viewer: Actor): PersonAbilities {
  const resource = personResource(row);
  return {
    update: can(viewer, 'person.manage', resource),
    viewPhone: can(viewer, 'person.view_phone', resource),
    viewIdNumber: can(viewer, 'person.view_id_number', resource),
    grant: can(viewer, 'person.grant', resource),
  };
}

/** Birth date and sex encoded in an 18-character ID number (digits 7–14, and 17: odd = male). */
export function idNumberFacts(idNumber: string): { birthDate: string; sex: 'male' | 'female' } | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return null;
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * What a viewer sees of a person: phone and ID number whole only when the viewer's role needs them
 * at the person's unit, masked otherwise. In a list, a confidential person's identifiers are always
 * masked: they are shown whole only by the single read, which is audited.
 */
export function presentPerson(
  row: PersonWithUnit,
  viewer: Actor,
  options: { listing?: boolean } = {},
): PersonView {
  const abilities = personAbilities(row, viewer);
  const guarded = options.listing === true && row.confidential === 1;
  const phoneWhole = abilities.viewPhone && !guarded;
  const idWhole = abilities.viewIdNumber && !guarded;
  const facts = idWhole && row.id_number ? idNumberFacts(row.id_number) : null;
  return {
    id: row.id,
    name: row.name,
    phone: phoneWhole ? row.phone : maskPhone(row.phone),
    phoneMasked: row.phone !== null && !phoneWhole,
    idNumber: idWhole ? row.id_number : maskIdNumber(row.id_number),
    idNumberMasked: row.id_number !== null && !idWhole,
    birthDate: facts?.birthDate ?? null,
    sex: facts?.sex ?? null,
    address: row.address,
    unit: { id: row.unit_id, code: row.unit_code, nameZh: row.unit_name_zh, nameEn: row.unit_name_en },
    confidential: row.confidential === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities,
  };
}

/** A person's fields as the audit log keeps them: masked, so the log never becomes a second register. */
export function auditSnapshot(fields: PersonFields) {
  return {
    name: maskName(fields.name),
    phone: maskPhone(fields.phone),
    idNumber: maskIdNumber(fields.id_number),
    address: maskAddress(fields.address),
    unitId: fields.unit_id,
    confidential: fields.confidential === 1,
  };
}
