import '@dichtbij/components/feedback';

const feedback = document.createElement('dichtbij-feedback');
feedback.headingLevel = 'two';
