/** Fixed vocabularies of the generated data. Names come from faker (seeded); these are the rest. */

export interface Country {
  name: string;
  tlds: string[];
  phonePrefix: string;
  places: { state: string | null; cities: string[] }[];
}

export const COUNTRIES: Country[] = [
  {
    name: 'United States',
    tlds: ['com', 'com', 'com', 'io', 'ai', 'co'],
    phonePrefix: '+1',
    places: [
      { state: 'California', cities: ['San Francisco', 'Los Angeles', 'San Diego', 'San Jose'] },
      { state: 'New York', cities: ['New York', 'Buffalo', 'Rochester'] },
      { state: 'Texas', cities: ['Austin', 'Dallas', 'Houston'] },
      { state: 'Washington', cities: ['Seattle', 'Bellevue'] },
      { state: 'Massachusetts', cities: ['Boston', 'Cambridge'] },
      { state: 'Illinois', cities: ['Chicago'] },
      { state: 'Colorado', cities: ['Denver', 'Boulder'] },
      { state: 'Georgia', cities: ['Atlanta'] },
    ],
  },
  {
    name: 'United Kingdom',
    tlds: ['co.uk', 'co.uk', 'com', 'io'],
    phonePrefix: '+44',
    places: [
      { state: 'England', cities: ['London', 'Manchester', 'Bristol', 'Leeds'] },
      { state: 'Scotland', cities: ['Edinburgh', 'Glasgow'] },
      { state: null, cities: ['London'] },
    ],
  },
  {
    name: 'Germany',
    tlds: ['de', 'de', 'com'],
    phonePrefix: '+49',
    places: [
      { state: 'Bavaria', cities: ['Munich', 'Nuremberg'] },
      { state: 'Berlin', cities: ['Berlin'] },
      { state: 'Hamburg', cities: ['Hamburg'] },
    ],
  },
  {
    name: 'France',
    tlds: ['fr', 'com'],
    phonePrefix: '+33',
    places: [
      { state: 'Île-de-France', cities: ['Paris'] },
      { state: 'Auvergne-Rhône-Alpes', cities: ['Lyon', 'Grenoble'] },
    ],
  },
  {
    name: 'Brazil',
    tlds: ['com.br', 'com.br', 'com'],
    phonePrefix: '+55',
    places: [
      { state: 'São Paulo', cities: ['São Paulo', 'Campinas'] },
      { state: 'Rio de Janeiro', cities: ['Rio de Janeiro'] },
    ],
  },
  {
    name: 'Canada',
    tlds: ['ca', 'com'],
    phonePrefix: '+1',
    places: [
      { state: 'Ontario', cities: ['Toronto', 'Ottawa'] },
      { state: 'Quebec', cities: ['Montréal', 'Québec City'] },
      { state: 'British Columbia', cities: ['Vancouver'] },
    ],
  },
  {
    name: 'India',
    tlds: ['in', 'co.in', 'com'],
    phonePrefix: '+91',
    places: [
      { state: 'Karnataka', cities: ['Bengaluru'] },
      { state: 'Maharashtra', cities: ['Mumbai', 'Pune'] },
    ],
  },
  {
    name: 'Australia',
    tlds: ['com.au', 'com.au', 'io'],
    phonePrefix: '+61',
    places: [
      { state: 'New South Wales', cities: ['Sydney'] },
      { state: 'Victoria', cities: ['Melbourne'] },
    ],
  },
  {
    name: 'Netherlands',
    tlds: ['nl', 'com', 'io'],
    phonePrefix: '+31',
    places: [{ state: 'North Holland', cities: ['Amsterdam', 'Haarlem'] }, { state: 'South Holland', cities: ['Rotterdam'] }],
  },
  {
    name: 'Japan',
    tlds: ['co.jp', 'jp', 'com'],
    phonePrefix: '+81',
    places: [{ state: 'Tokyo', cities: ['Tokyo'] }, { state: 'Osaka', cities: ['Osaka'] }],
  },
];
/** Relative weights of COUNTRIES. */
export const COUNTRY_WEIGHTS = [40, 12, 8, 6, 6, 6, 6, 5, 5, 6];

export const INDUSTRIES: { name: string; subs: string[]; functions: string[] }[] = [
  { name: 'Software', subs: ['SaaS', 'Developer Tools', 'Security Software', 'Business Intelligence'], functions: ['Software Development', 'IT Services', 'Consulting'] },
  { name: 'Financial Services', subs: ['Banking', 'Payments', 'Insurance', 'Asset Management'], functions: ['Financial Services', 'Risk Management', 'Software Development'] },
  { name: 'Healthcare', subs: ['Hospitals & Clinics', 'Medical Devices', 'Pharmaceuticals'], functions: ['Healthcare Services', 'Research', 'Manufacturing'] },
  { name: 'Manufacturing', subs: ['Industrial Automation', 'Automotive Parts', 'Electronics'], functions: ['Manufacturing', 'Engineering', 'Logistics'] },
  { name: 'Retail', subs: ['E-commerce', 'Grocery', 'Apparel'], functions: ['Retail', 'Marketing', 'Logistics'] },
  { name: 'Transportation', subs: ['Maritime Shipping', 'Trucking', 'Airlines'], functions: ['Logistics', 'Operations'] },
  { name: 'Media', subs: ['Design Agency', 'Publishing', 'Broadcasting'], functions: ['Marketing', 'Design', 'Content'] },
  { name: 'Education', subs: ['Higher Education', 'EdTech', 'K-12'], functions: ['Education', 'Research'] },
  { name: 'Energy', subs: ['Renewable Energy', 'Oil & Gas', 'Utilities'], functions: ['Energy', 'Engineering', 'Operations'] },
  { name: 'Legal', subs: ['Law Firms', 'Legal Tech'], functions: ['Legal Services', 'Consulting'] },
  { name: 'Real Estate', subs: ['Commercial Real Estate', 'Property Management'], functions: ['Real Estate', 'Operations'] },
  { name: 'Telecommunications', subs: ['Wireless Carriers', 'Network Infrastructure'], functions: ['Engineering', 'IT Services'] },
];

export const TECHNOLOGIES: { tag: string; category: string; vendor: string }[] = [
  { tag: 'Salesforce', category: 'CRM', vendor: 'Salesforce' },
  { tag: 'HubSpot', category: 'Marketing Automation', vendor: 'HubSpot' },
  { tag: 'Microsoft Dynamics 365', category: 'CRM', vendor: 'Microsoft' },
  { tag: 'Pipedrive', category: 'CRM', vendor: 'Pipedrive' },
  { tag: 'Marketo', category: 'Marketing Automation', vendor: 'Adobe' },
  { tag: 'Segment', category: 'Customer Data Platform', vendor: 'Twilio' },
  { tag: 'Snowflake', category: 'Data Warehouse', vendor: 'Snowflake' },
  { tag: 'BigQuery', category: 'Data Warehouse', vendor: 'Google' },
  { tag: 'dbt', category: 'Data Transformation', vendor: 'dbt Labs' },
  { tag: 'AWS', category: 'Cloud Infrastructure', vendor: 'Amazon' },
  { tag: 'Azure', category: 'Cloud Infrastructure', vendor: 'Microsoft' },
  { tag: 'Google Cloud', category: 'Cloud Infrastructure', vendor: 'Google' },
  { tag: 'Oracle Cloud', category: 'Cloud Infrastructure', vendor: 'Oracle' },
  { tag: 'Kubernetes', category: 'Containers', vendor: 'Cloud Native Computing Foundation' },
  { tag: 'Docker', category: 'Containers', vendor: 'Docker' },
  { tag: 'Datadog', category: 'Monitoring', vendor: 'Datadog' },
  { tag: 'New Relic', category: 'Monitoring', vendor: 'New Relic' },
  { tag: 'Slack', category: 'Collaboration', vendor: 'Salesforce' },
  { tag: 'Microsoft 365', category: 'Productivity', vendor: 'Microsoft' },
  { tag: 'Google Workspace', category: 'Productivity', vendor: 'Google' },
  { tag: 'Zoom', category: 'Collaboration', vendor: 'Zoom' },
  { tag: 'Jira', category: 'Project Management', vendor: 'Atlassian' },
  { tag: 'Asana', category: 'Project Management', vendor: 'Asana' },
  { tag: 'SAP', category: 'ERP', vendor: 'SAP' },
  { tag: 'NetSuite', category: 'ERP', vendor: 'Oracle' },
  { tag: 'Workday', category: 'HR', vendor: 'Workday' },
  { tag: 'Zendesk', category: 'Customer Support', vendor: 'Zendesk' },
  { tag: 'Intercom', category: 'Customer Support', vendor: 'Intercom' },
  { tag: 'Stripe', category: 'Payments', vendor: 'Stripe' },
  { tag: 'Shopify', category: 'E-commerce', vendor: 'Shopify' },
  { tag: 'React', category: 'Frontend Framework', vendor: 'Meta' },
  { tag: 'Figma', category: 'Design', vendor: 'Figma' },
  { tag: 'Webflow', category: 'CMS', vendor: 'Webflow' },
  { tag: 'WordPress', category: 'CMS', vendor: 'Automattic' },
  { tag: 'Okta', category: 'Identity', vendor: 'Okta' },
  { tag: 'Epic', category: 'Healthcare IT', vendor: 'Epic Systems' },
  { tag: 'NetDocuments', category: 'Document Management', vendor: 'NetDocuments' },
  { tag: 'Tableau', category: 'Business Intelligence', vendor: 'Salesforce' },
  { tag: 'Looker', category: 'Business Intelligence', vendor: 'Google' },
  { tag: 'Twilio', category: 'Communications', vendor: 'Twilio' },
];

/** The parent category of each technology category (published tech attributes have both). */
export const TECH_PARENT_CATEGORY: Record<string, string> = {
  CRM: 'Sales and Marketing',
  'Marketing Automation': 'Sales and Marketing',
  'Customer Data Platform': 'Sales and Marketing',
  'Data Warehouse': 'Data and Analytics',
  'Data Transformation': 'Data and Analytics',
  'Business Intelligence': 'Data and Analytics',
  'Cloud Infrastructure': 'IT Infrastructure',
  Containers: 'IT Infrastructure',
  Monitoring: 'IT Infrastructure',
  Identity: 'IT Infrastructure',
  Collaboration: 'Communication and Collaboration',
  Productivity: 'Communication and Collaboration',
  'Project Management': 'Communication and Collaboration',
  Communications: 'Communication and Collaboration',
  Design: 'Communication and Collaboration',
  ERP: 'Business Applications',
  HR: 'Business Applications',
  'Customer Support': 'Business Applications',
  Payments: 'Business Applications',
  'E-commerce': 'Business Applications',
  'Healthcare IT': 'Business Applications',
  'Document Management': 'Business Applications',
  'Frontend Framework': 'Web Development',
  CMS: 'Web Development',
};

export const DEPARTMENTS: { name: string; roles: string[] }[] = [
  { name: 'Sales', roles: ['Sales', 'Account Management', 'Sales Operations', 'Business Development'] },
  { name: 'Marketing', roles: ['Marketing', 'Demand Generation', 'Product Marketing', 'Marketing Operations'] },
  { name: 'Engineering', roles: ['Engineering', 'Software Engineering', 'Platform Engineering', 'Security Engineering'] },
  { name: 'Information Technology', roles: ['IT', 'Infrastructure', 'IT Operations'] },
  { name: 'Finance', roles: ['Finance', 'Accounting', 'Financial Planning'] },
  { name: 'Operations', roles: ['Operations', 'Procurement', 'Supply Chain'] },
  { name: 'Human Resources', roles: ['People', 'Talent Acquisition', 'HR'] },
  { name: 'Legal', roles: ['Legal', 'Compliance'] },
  { name: 'Customer Success', roles: ['Customer Success', 'Support'] },
  { name: 'Product', roles: ['Product', 'Product Management'] },
];
export const DEPARTMENT_WEIGHTS = [20, 12, 20, 8, 8, 10, 6, 4, 7, 5];

/** Seniority, title pattern, weight, decision maker. */
export const SENIORITIES: { name: string; title: (role: string) => string; weight: number; decisionMaker: boolean }[] = [
  { name: 'C-Level', title: (r) => `Chief ${r === 'Engineering' ? 'Technology' : r === 'Sales' ? 'Revenue' : r === 'Finance' ? 'Financial' : r === 'Marketing' ? 'Marketing' : 'Operating'} Officer`, weight: 2, decisionMaker: true },
  { name: 'VP', title: (r) => `VP of ${r}`, weight: 5, decisionMaker: true },
  { name: 'Director', title: (r) => `Director of ${r}`, weight: 12, decisionMaker: true },
  { name: 'Manager', title: (r) => `${r} Manager`, weight: 25, decisionMaker: false },
  { name: 'Senior', title: (r) => `Senior ${r} Specialist`, weight: 20, decisionMaker: false },
  { name: 'Individual Contributor', title: (r) => `${r} Specialist`, weight: 28, decisionMaker: false },
  { name: 'Entry', title: (r) => `${r} Associate`, weight: 8, decisionMaker: false },
];

export const TOPICS = [
  'Supply Chain Visibility',
  'Data Warehousing',
  'Customer Data Platform',
  'Cloud Migration',
  'Zero Trust Security',
  'Sales Engagement',
  'Marketing Automation',
  'CRM Software',
  'Employee Experience',
  'Payment Processing',
  'Kubernetes',
  'Observability',
  'Identity Management',
  'ERP Modernization',
  'Predictive Analytics',
  'Generative AI',
  'Contract Management',
  'E-commerce Platforms',
  'Fleet Management',
  'Renewable Energy Procurement',
  'Electronic Health Records',
  'Regulatory Compliance',
  'Data Privacy',
  'Video Conferencing',
  'Customer Support Software',
];

export const NEWS_TEMPLATES: { category: string; headline: (name: string) => string }[] = [
  { category: 'funding', headline: (n) => `${n} closes new funding round to accelerate growth` },
  { category: 'hiring', headline: (n) => `${n} plans to double its engineering team this year` },
  { category: 'product', headline: (n) => `${n} launches a new platform for enterprise customers` },
  { category: 'partnership', headline: (n) => `${n} announces strategic partnership in Europe` },
  { category: 'executive', headline: (n) => `${n} appoints a new Chief Revenue Officer` },
  { category: 'expansion', headline: (n) => `${n} opens a new regional office` },
];

export const SCOOP_TEMPLATES: { type: string; description: string }[] = [
  { type: 'Project', description: 'Evaluating a replacement for its CRM in the next two quarters' },
  { type: 'Project', description: 'Planning a data warehouse migration to the cloud' },
  { type: 'Pain Point', description: 'Struggling with manual reporting across sales regions' },
  { type: 'Hiring Plans', description: 'Hiring 20+ account executives in North America' },
  { type: 'Management Move', description: 'New VP of Sales started this month' },
  { type: 'Investment', description: 'Budget approved for a security tooling refresh' },
];

export const SUFFIXES = ['Labs', 'Systems', 'Group', 'Technologies', 'Partners', 'Solutions', 'Works', 'Industries', 'Holdings', 'Co'];
