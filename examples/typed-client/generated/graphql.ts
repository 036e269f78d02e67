/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** 委办局 county department that owns a subgraph */
export type Department =
  /** 农业农村局 Agriculture and Rural Affairs Bureau */
  | 'AGRICULTURE'
  /** 民政局 Civil Affairs Bureau */
  | 'CIVIL_AFFAIRS'
  /** 教育局 Education Bureau */
  | 'EDUCATION'
  /** 财政局 Finance Bureau */
  | 'FINANCE'
  /** 人力资源和社会保障局 Human Resources and Social Security Bureau */
  | 'HRSS'
  /** 退役军人事务局 Veterans Affairs Bureau */
  | 'VETERANS';

export type CountyHeadlineQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type CountyHeadlineQuery = { countyProgress: { asOf: string, periodFrom: string, periodTo: string, certificateHolders: { key: string, label: string, value: number, target: number | null, ratio: number | null }, skilledTalents: { key: string, label: string, value: number, target: number | null, ratio: number | null }, midHighSkilledTalents: { key: string, label: string, value: number, target: number | null, ratio: number | null }, trainingPersonTimes: { key: string, label: string, value: number, target: number | null, ratio: number | null }, newlyCertified: { key: string, label: string, value: number, target: number | null, ratio: number | null }, byDepartment: Array<{ department: Department, label: string, holders: number, overlap: number, exclusive: number }>, completeness: Array<{ department: Department, label: string, included: boolean, lagSeconds: number | null, lastError: string | null }> } };

export type HeadlineFigureFragment = { key: string, label: string, value: number, target: number | null, ratio: number | null };
