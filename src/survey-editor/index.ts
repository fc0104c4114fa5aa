export { surveyEditorRoutes, type SurveyEditorDeps } from './survey-editor.routes';
