/**
 * The FOCUS 1.2 column rules the export's focus file is held to, as data (docs/facts.md §5
 * gives each column's feature level, data type, nullability and allowed values). The 21 Mandatory columns are all here; so are the
 * Conditional and Recommended ones the file carries. Custom columns start with "x_".
 */
export const FOCUS_VERSION = '1.2';

export type FocusType = 'String' | 'Decimal' | 'DateTime';

export interface FocusColumnRule {
  name: string;
  level: 'Mandatory' | 'Conditional' | 'Recommended';
  type: FocusType;
  nullable: boolean;
  /** When given, a non-null value must be one of these. */
  allowed?: readonly string[];
  /** Null exactly when this other column is null (e.g. PricingUnit and PricingQuantity). */
  nullWith?: string;
}

export const SERVICE_CATEGORIES = [
  'AI and Machine Learning', 'Analytics', 'Business Applications', 'Compute', 'Databases', 'Developer Tools',
  'Multicloud', 'Identity', 'Integration', 'Internet of Things', 'Management and Governance', 'Media',
  'Migration', 'Mobile', 'Networking', 'Security', 'Storage', 'Web', 'Other',
] as const;

/** The AI and Machine Learning subcategories (ServiceSubcategory has one parent category each). */
export const AI_SUBCATEGORIES = [
  'AI Platforms', 'Bots', 'Generative AI', 'Machine Learning', 'Natural Language Processing', 'Other (AI and Machine Learning)',
] as const;

export const FOCUS_COLUMN_RULES: readonly FocusColumnRule[] = [
  { name: 'BilledCost', level: 'Mandatory', type: 'Decimal', nullable: false },
  { name: 'BillingAccountId', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'BillingAccountName', level: 'Mandatory', type: 'String', nullable: true },
  { name: 'BillingCurrency', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'BillingPeriodEnd', level: 'Mandatory', type: 'DateTime', nullable: false },
  { name: 'BillingPeriodStart', level: 'Mandatory', type: 'DateTime', nullable: false },
  { name: 'ChargeCategory', level: 'Mandatory', type: 'String', nullable: false, allowed: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] },
  { name: 'ChargeClass', level: 'Mandatory', type: 'String', nullable: true, allowed: ['Correction'] },
  { name: 'ChargeDescription', level: 'Mandatory', type: 'String', nullable: true },
  { name: 'ChargePeriodEnd', level: 'Mandatory', type: 'DateTime', nullable: false },
  { name: 'ChargePeriodStart', level: 'Mandatory', type: 'DateTime', nullable: false },
  { name: 'ContractedCost', level: 'Mandatory', type: 'Decimal', nullable: false },
  { name: 'EffectiveCost', level: 'Mandatory', type: 'Decimal', nullable: false },
  { name: 'InvoiceIssuerName', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'ListCost', level: 'Mandatory', type: 'Decimal', nullable: false },
  { name: 'PricingQuantity', level: 'Mandatory', type: 'Decimal', nullable: true },
  { name: 'PricingUnit', level: 'Mandatory', type: 'String', nullable: true, nullWith: 'PricingQuantity' },
  { name: 'ProviderName', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'PublisherName', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'ServiceCategory', level: 'Mandatory', type: 'String', nullable: false, allowed: SERVICE_CATEGORIES },
  { name: 'ServiceName', level: 'Mandatory', type: 'String', nullable: false },
  { name: 'ChargeFrequency', level: 'Recommended', type: 'String', nullable: false, allowed: ['One-Time', 'Recurring', 'Usage-Based'] },
  { name: 'ServiceSubcategory', level: 'Recommended', type: 'String', nullable: false, allowed: AI_SUBCATEGORIES },
  { name: 'SubAccountId', level: 'Conditional', type: 'String', nullable: true },
  { name: 'SubAccountName', level: 'Conditional', type: 'String', nullable: true, nullWith: 'SubAccountId' },
  { name: 'ConsumedQuantity', level: 'Conditional', type: 'Decimal', nullable: true },
  { name: 'ConsumedUnit', level: 'Conditional', type: 'String', nullable: true, nullWith: 'ConsumedQuantity' },
];

/** Row rules across columns (FOCUS 1.2 PricingQuantity, ConsumedQuantity): not null on a Usage row that is not a correction. */
export const FOCUS_USAGE_NOT_NULL: readonly string[] = ['PricingQuantity', 'ConsumedQuantity'];

/** FOCUS's Date/Time format: extended ISO 8601 in UTC, 'YYYY-MM-DDTHH:mm:ssZ'. */
export const FOCUS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** FOCUS's Numeric format: an integer, a decimal or E notation; no sign on positives, no separators or symbols. */
export const FOCUS_DECIMAL = /^-?(?:\d+|\d*\.\d+)(?:E-?\d+)?$/;
/** ISO 4217 alphabetic code (national currencies are written so). */
export const FOCUS_CURRENCY = /^[A-Z]{3}$/;
/** A custom column. */
export const FOCUS_CUSTOM_COLUMN = /^x_[A-Za-z0-9_]+$/;
