// Small browser helpers for the studio. The designer's canvas has its own module.
window.modelEngineStudio = {
    // Starts a file download of text or bytes (a string, an ArrayBuffer or a typed array), for JSON export and attachments.
    download: function (fileName, contentType, text) {
        const blob = new Blob([text], { type: contentType });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(link.href);
    },

    // Puts a toolbox item's activity type on the drag, for the designer's canvas to read on drop. Blazor cannot set
    // dataTransfer data, so the item calls this from a plain ondragstart attribute.
    dragActivity: function (event) {
        const type = event.currentTarget.getAttribute("data-activity-type");
        event.dataTransfer.setData("application/x-modelengine-activity", type);
        event.dataTransfer.setData("text/plain", type);
        event.dataTransfer.effectAllowed = "copy";
    },

    // Sends Ctrl+S (Cmd+S on macOS) anywhere on the page to the designer's SaveFromShortcut method, also while focus
    // is in the property panel, and stops the browser's own save dialog. Returns a handle for the unregister call.
    registerDesignerShortcuts: function (dotNetRef) {
        const handler = function (event) {
            if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
                event.preventDefault();
                dotNetRef.invokeMethodAsync("SaveFromShortcut");
            }
        };
        document.addEventListener("keydown", handler);
        return { dispose: function () { document.removeEventListener("keydown", handler); } };
    },

    unregisterDesignerShortcuts: function (handle) {
        if (handle) {
            handle.dispose();
        }
    },

    // Opens the file chooser of a hidden file input, for a button that imports a file.
    openFilePicker: function (id) {
        const input = document.getElementById(id);
        if (input) {
            input.click();
        }
    },

    // Starts a file download of binary content that the server side read through the API, given as base64.
    downloadBase64: function (fileName, contentType, base64) {
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        window.modelEngineStudio.download(fileName, contentType, bytes);
    },
    // Lets ArrowDown and ArrowUp move the focus between the row links of a list, such as the inbox's task titles or
    // the designer's toolbox items, and Home and End move it to the first and last.
    enableRowNavigation: function (container, linkSelector) {
        if (!container || container.dataset.rowNavigation) {
            return;
        }
        container.dataset.rowNavigation = "on";
        container.addEventListener("keydown", function (event) {
            if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Home" && event.key !== "End") {
                return;
            }
            // Rows inside a collapsed section cannot take the focus, so they are skipped.
            const links = Array.from(container.querySelectorAll(linkSelector)).filter(function (link) {
                return link.checkVisibility ? link.checkVisibility({ visibilityProperty: true }) : link.getClientRects().length > 0;
            });
            const index = links.indexOf(document.activeElement);
            const next = event.key === "Home" ? links[0]
                : event.key === "End" ? links[links.length - 1]
                : links[event.key === "ArrowDown" ? index + 1 : index - 1];
            if (index >= 0 && next) {
                event.preventDefault();
                next.focus();
            }
        });
    }
};
