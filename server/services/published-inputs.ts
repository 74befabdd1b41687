/**
 * Input fields the published ZoomInfo API documents for each search, by name only. A documented
 * field this server's data cannot serve is a 400 saying so, never "unknown field" (issue #15);
 * the fields it serves are in the request schemas (utils/schemas/enterprise-api.ts).
 */
import { ApiFailure } from '../lib/errors.ts';

const COMPANY_CRITERIA = [
  'companyDescription', 'parentId', 'ultimateParentId', 'companyTicker', 'companyType', 'businessModel', 'address', 'street',
  'zipCode', 'continent', 'zipCodeRadiusMiles', 'hashTagString', 'subUnitTypes', 'primaryIndustriesOnly', 'industryCodes',
  'sicCodes', 'naicsCodes', 'revenue', 'employeeCount', 'companyRanking', 'metroRegion', 'fundingAmountMin', 'fundingAmountMax',
  'fundingStartDate', 'fundingEndDate', 'excludedRegions', 'zoominfoContactsMin', 'zoominfoContactsMax',
  'companyStructureIncludedSubUnitTypes', 'certified', 'excludeDefunctCompanies', 'oneYearEmployeeGrowthRateMin',
  'oneYearEmployeeGrowthRateMax', 'twoYearEmployeeGrowthRateMin', 'twoYearEmployeeGrowthRateMax', 'engagementStartDate',
  'engagementEndDate', 'engagementType',
];

export const PUBLISHED_INPUTS = {
  contactSearch: [
    ...COMPANY_CRITERIA, 'supplementalEmail', 'hashedEmail', 'phone', 'middleInitial', 'boardMember', 'excludePartialProfiles',
    'lastUpdatedDateAfter', 'validDateAfter', 'lastUpdatedInMonths', 'hasBeenNotified', 'companyPastOrPresent', 'school', 'degree',
    'revenueMin', 'revenueMax', 'employeeRangeMin', 'employeeRangeMax', 'positionStartDateMin', 'positionStartDateMax',
    'webReferences', 'filterByBuyingCommittee', 'techSkills', 'yearsOfExperience',
  ],
  companySearch: COMPANY_CRITERIA,
  intentSearch: [
    ...COMPANY_CRITERIA, 'signalStartDate', 'signalEndDate', 'signalScoreMax', 'audienceStrengthMin', 'audienceStrengthMax',
    'sortOrder', 'sortBy', 'state', 'country', 'industryKeywords', 'techAttributeTagList', 'revenueMin', 'revenueMax',
    'employeeRangeMin', 'employeeRangeMax', 'locationSearchType',
  ],
  intentEnrich: [
    'signalStartDate', 'signalEndDate', 'signalScoreMin', 'signalScoreMax', 'audienceStrengthMin', 'audienceStrengthMax',
    'findRecommendedContacts', 'rpp', 'page', 'sortBy', 'sortOrder',
  ],
  feedSearch: [
    ...COMPANY_CRITERIA, 'categories', 'url', 'pageDateMin', 'pageDateMax', 'sortOrder', 'sortBy', 'companyName', 'companyWebsite',
    'publishedStartDate', 'publishedEndDate', 'updatedSinceCreation', 'scoopType', 'scoopTopic', 'department', 'scoopId', 'description',
  ],
} as const;

/** 400 for the first documented field in `body` that `served` does not contain. */
export function refuseUnservable(body: unknown, documented: readonly string[], served: readonly string[]): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const known = new Set(served);
  const field = Object.keys(body).find((key) => !known.has(key) && documented.includes(key));
  if (field !== undefined) {
    throw new ApiFailure('invalid_input', `${field}: this reference server cannot serve this documented criterion (its data has no such field); see server/README.md, "Differences from the published API".`);
  }
}
