// Package validators is the provider's single statement of the ActionTrail
// API's parameter rules (API version 2020-07-06, plus the 2017-12-04 RoleName).
//
// Each rule is available in three forms, all built on the same code:
//
//   - a plain check function (TrailNameProblem, BucketNameProblem, ...) that
//     returns "" for a valid value and otherwise a short reason, for use
//     outside the schema (the import-ID parser, plan-time checks);
//   - a terraform-plugin-framework validator.String (TrailName(),
//     BucketName(), ...) whose diagnostics name the API error code, the
//     offending value, the reason, the full rule and what to do;
//   - an exported rule text in plain text and in Markdown (TrailNameRule,
//     TrailNameRuleMarkdown, ...) so that schema descriptions, generated
//     documentation and diagnostics share one wording.
//
// Reasons count characters (Unicode code points), not bytes, and point at the
// first offending character; positions count from 1 over the whole value.
package validators
