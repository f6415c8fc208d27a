-- The question ids an export's answers are coded against (store/AnswerCodes), a line each: a stored answer names its
-- question by its place among them, so each respondent row no longer spells out every question id (most of the row,
-- and of what the store writes and compresses). Exports stored before hold null: their answers name their questions.
alter table survey_export add column answer_questions varchar(1000000);
