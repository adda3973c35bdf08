// Small browser helpers for the studio. The designer's canvas has its own module.
window.modelEngineStudio = {
    // Starts a file download of text content, for JSON export.
    download: function (fileName, contentType, text) {
        const blob = new Blob([text], { type: contentType });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(link.href);
    }
};
