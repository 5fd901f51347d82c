/** The sandbox's payroll providers (names are illustrative; any credentials work). */
export interface Provider {
  id: string;
  name: string;
  color: string;
}

export const PROVIDERS: Provider[] = [
  { id: 'adp', name: 'ADP Workforce Now', color: '#d0271d' },
  { id: 'gusto', name: 'Gusto', color: '#f45d48' },
  { id: 'paychex', name: 'Paychex Flex', color: '#0057b8' },
  { id: 'workday', name: 'Workday', color: '#f38b00' },
  { id: 'rippling', name: 'Rippling', color: '#502d3c' },
  { id: 'paylocity', name: 'Paylocity', color: '#e0542b' },
  { id: 'bamboohr', name: 'BambooHR', color: '#73c41d' },
  { id: 'ukg', name: 'UKG Pro', color: '#005151' },
];

export function provider(id: string): Provider {
  return PROVIDERS.find((p) => p.id === id) ?? { id, name: id, color: '#64748b' };
}
