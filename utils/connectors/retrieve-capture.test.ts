import { describe, expect, it } from 'vitest';
import { rowsOf } from '../audiences/capture.ts';
import { guessEntityField } from './outputs.ts';
import { canCapture, retrieveRowsAsFields } from './retrieve-capture.ts';
import { retrieveTableOf } from './retrieve-table.ts';

const accounts = {
  data: [
    { name: 'Northwind Traders', domain: 'northwind.io', owner: 'Avery Stone' },
    { name: 'Globex', domain: 'globex.com', owner: 'Sam Lee' },
    { name: 'Northwind Traders', domain: 'northwind.io', owner: 'Avery Stone' },
  ],
};

describe('a Retrieve table into a list', () => {
  it('fills each row from the columns that say what they are, and only those', () => {
    const table = retrieveTableOf(accounts, [
      { path: 'data[].name', label: 'Account', entityField: 'companyName' },
      { path: 'data[].domain', label: 'Domain', entityField: 'domain' },
      { path: 'data[].owner', label: 'Owner' },
    ]);
    expect(canCapture(table)).toBe(true);
    expect(retrieveRowsAsFields(table)[0]).toEqual({ company: 'Northwind Traders', website: 'northwind.io' });
    // The same account twice is one row of the list.
    expect(rowsOf(retrieveRowsAsFields(table), 'App-Z: Accounts', new Date(0)).map((r) => r.key)).toEqual(['domain:northwind.io', 'domain:globex.com']);
  });

  it('names a person given by first and last name; empty and nested values fill nothing', () => {
    const table = retrieveTableOf({ people: [{ first: 'Priya', last: 'Raman', email: '', tags: ['vip'] }] }, [
      { path: 'people[].first', label: 'First', entityField: 'firstName' },
      { path: 'people[].last', label: 'Last', entityField: 'lastName' },
      { path: 'people[].email', label: 'Email', entityField: 'email' },
      { path: 'people[].tags', label: 'Tags', entityField: 'jobTitle' },
    ]);
    expect(retrieveRowsAsFields(table)).toEqual([{ firstName: 'Priya', lastName: 'Raman', name: 'Priya Raman' }]);
  });

  it('cannot add a table none of whose columns is a person’s or company’s field', () => {
    expect(canCapture(retrieveTableOf(accounts, [{ path: 'data[].owner', label: 'Owner' }]))).toBe(false);
    expect(canCapture(retrieveTableOf(accounts, [{ path: 'data[].owner', label: 'Owner', entityField: 'phone' }]))).toBe(false);
  });
});

describe('guessing what an output is', () => {
  it.each([
    ['data[].email', 'Email', 'email'],
    ['contact.emailAddress', 'Email address', 'email'],
    ['data[].name', 'Account', 'companyName'],
    ['accounts[].name', 'Name', 'companyName'],
    ['people[].name', 'Name', 'fullName'],
    ['people[].first_name', 'First name', 'firstName'],
    ['people[].lastName', 'Last name', 'lastName'],
    ['data[].domain', 'Domain', 'domain'],
    ['profile.linkedin_url', 'Linkedin url', 'linkedinUrl'],
    ['people[].title', 'Title', 'jobTitle'],
  ] as const)('%s (%s) is %s', (path, label, field) => {
    expect(guessEntityField(path, label)).toBe(field);
  });

  it('leaves what it cannot tell unset', () => {
    expect(guessEntityField('data[].owner', 'Owner')).toBeUndefined();
    expect(guessEntityField('data[].arrUsd', 'Arr usd')).toBeUndefined();
  });
});
