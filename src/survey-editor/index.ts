export { surveyEditorRoutes, type SurveyEditorDeps } from './survey-editor.routes';
export { testSendPageRoutes, type TestSendPageDeps } from './test-send-page.routes';
