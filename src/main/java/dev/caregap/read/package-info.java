/**
 * Reading survey exports: {@link dev.caregap.read.ExportReader} opens a file of any known tool (Qualtrics,
 * SurveyMonkey, Google Forms, tidy; CSV in any common encoding and delimiter, or an .xlsx workbook), tells its
 * layout, study and segment from the content, and hands over its rows one at a time as
 * {@link dev.caregap.read.RawResponse}s through an {@link dev.caregap.read.Export}. Personal-data columns are
 * recognised by their header and never read.
 */
package dev.caregap.read;
