// Stands in for imported stylesheets in unit tests.
module.exports = {};
